import { FixedClock } from '@motcua/domain';
import { CalendarRepository, createDataSource } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { IntakeUseCase } from '@motcua/application';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

/**
 * Issue 3, acceptance 5 under concurrency: an intake running while a calendar edit is in flight waits for it and
 * computes its appointment on the new calendar (otherwise the edit's recompute would miss the new dossier).
 */
describe('calendar edit vs concurrent intake', () => {
  let database: TestDatabase;
  let pool: DataSource;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    pool = createDataSource({ url: database.url, poolSize: 4 });
    await pool.initialize();
    catalog = await seedCatalog(pool);
  });

  afterAll(async () => {
    await pool?.destroy();
    await database?.drop();
  });

  it('makes an intake wait for an uncommitted holiday and use it', async () => {
    // Monday 3 Nov 2025 10:00 in Hà Nội; birth registration takes 1 working day → Tuesday 10:00 without the holiday.
    const intake = new IntakeUseCase(
      pool,
      new FixedClock('2025-11-03T03:00:00Z'),
      'test-lookup-key-0123456789abcdef0123',
    );
    const editor = pool.createQueryRunner();
    await editor.connect();
    await editor.startTransaction();
    const calendar = new CalendarRepository(editor.manager);
    await calendar.lockForEditing();
    await calendar.saveDay({ date: '2025-11-04', kind: 'holiday', name: 'Ngày nghỉ thử nghiệm', source: 'admin' });

    let settled = false;
    const registering = intake
      .register({
        receivingAgencyId: catalog.agencies.get('000.21.12.H62')!.id,
        actor: null,
        idempotencyKey: 'race-1',
        procedureId: catalog.procedures.get('1.001193')!.id,
        channel: 'in-person',
        applicant: { name: 'Lê Thị Mai', identityNumber: '001190012345', address: 'xã An Hòa', phone: '0912345678' },
        documents: [
          { code: 'TK', form: 'original', count: 1 },
          { code: 'GCS', form: 'original', count: 1 },
        ],
        outcome: 'accept',
      })
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    await editor.commitTransaction();
    await editor.release();

    const { dossier } = await registering;
    // Tuesday is now a holiday: Wednesday 5 Nov 10:00 (+07:00).
    expect(dossier.appointmentAt?.toISOString()).toBe('2025-11-05T03:00:00.000Z');
  });
});
