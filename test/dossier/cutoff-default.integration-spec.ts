import { FixedClock } from '@motcua/domain';
import { createDataSource } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { IntakeUseCase } from '@motcua/application';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

/**
 * Issue 10: `defaultCutoffTime` of the rule set applies when the procedure does not override it; 'none' is an
 * explicit "no cut-off". Birth registration (1 working day, rule set ND118-2025: 15:00) received Monday 3 Nov 2025
 * 16:00 (+07:00): with the cut-off, counting starts Tue 07:00 and 8 working hours end Tue 17:00; without, it starts
 * Mon 16:00 → 1 h Monday + 7 h Tuesday (07:00–11:30, 13:30–16:00) → Tue 16:00.
 */
describe("procedure cut-off: the rule set's default, or an explicit 'none'", () => {
  let database: TestDatabase;
  let pool: DataSource;
  let catalog: SeededCatalog;
  let intake: IntakeUseCase;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    pool = createDataSource({ url: database.url, poolSize: 2 });
    await pool.initialize();
    catalog = await seedCatalog(pool);
    intake = new IntakeUseCase(pool, new FixedClock('2025-11-03T09:00:00Z'), 'test-lookup-key-0123456789abcdef0123');
  });

  afterAll(async () => {
    await pool?.destroy();
    await database?.drop();
  });

  async function accept(key: string) {
    const { dossier } = await intake.register({
      receivingAgencyId: catalog.agencies.get('000.21.12.H62')!.id,
      actor: null,
      idempotencyKey: key,
      procedureId: catalog.procedures.get('1.001193')!.id,
      channel: 'in-person',
      applicant: { name: 'Lê Thị Mai', identityNumber: '001190012345', address: 'xã An Hòa', phone: '0912345678' },
      documents: [
        { code: 'TK', form: 'original', count: 1 },
        { code: 'GCS', form: 'original', count: 1 },
      ],
      outcome: 'accept',
    });
    return dossier;
  }

  it('applies the rule set default (15:00) when the procedure has none, and no cut-off for none', async () => {
    const procedureId = catalog.procedures.get('1.001193')!.id;
    await pool.query(`UPDATE procedure SET cutoff_time = NULL WHERE id = $1`, [procedureId]);
    const inherited = await accept('cutoff-inherited');
    expect(inherited.countingStartedAt?.toISOString()).toBe('2025-11-04T00:00:00.000Z'); // Tue 07:00
    expect(inherited.appointmentAt?.toISOString()).toBe('2025-11-04T10:00:00.000Z'); // Tue 17:00

    await pool.query(`UPDATE procedure SET cutoff_time = 'none' WHERE id = $1`, [procedureId]);
    const none = await accept('cutoff-none');
    expect(none.countingStartedAt?.toISOString()).toBe('2025-11-03T09:00:00.000Z'); // Mon 16:00
    expect(none.appointmentAt?.toISOString()).toBe('2025-11-04T09:00:00.000Z'); // Tue 16:00
  });
});
