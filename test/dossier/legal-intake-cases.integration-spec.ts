import { FixedClock, getRuleSet } from '@motcua/domain';
import { createDataSource } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { IntakeUseCase } from '@motcua/application';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

/**
 * Hand-computed intake cases against real Postgres: the rule set (decree) governing a dossier is the one in force on
 * its reception date, and the 15:00 cut-off (NĐ 61/2018 Art. 18) is judged to the minute printed on the receipt.
 * Birth registration 1.001193: 1 working day, cut-off 15:00, catalog rule set ND118-2025 (in force from 2025-07-01).
 * Office hours 07:00–11:30 and 13:30–17:00 (+07:00).
 */
describe('intake: governing rule set by reception date, cut-off to the minute', () => {
  let database: TestDatabase;
  let pool: DataSource;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    pool = createDataSource({ url: database.url, poolSize: 2 });
    await pool.initialize();
    catalog = await seedCatalog(pool);
  });

  afterAll(async () => {
    await pool?.destroy();
    await database?.drop();
  });

  async function acceptAt(now: string, key: string) {
    const intake = new IntakeUseCase(pool, new FixedClock(now), 'test-lookup-key-0123456789abcdef0123');
    const { dossier } = await intake.register({
      receivingAgencyId: catalog.agencies.get('000.21.12.H62')!.id,
      actor: null,
      idempotencyKey: key,
      procedureId: catalog.procedures.get('1.001193')!.id,
      channel: 'online',
      applicant: { name: 'Lê Thị Mai', identityNumber: '001190012345', address: 'xã An Hòa', phone: '0912345678' },
      documents: [
        { code: 'TK', form: 'original', count: 1 },
        { code: 'GCS', form: 'original', count: 1 },
      ],
      outcome: 'accept',
    });
    return dossier;
  }

  it('a dossier received on 30 Jun 2025 is governed by NĐ 61/2018 (TT 01/2018 forms), from 1 Jul by NĐ 118/2025', async () => {
    // Mon 30 Jun 2025 10:00 → 1 working day → Tue 1 Jul 10:00; NĐ 118/2025 is not yet in force on 30 Jun.
    const june = await acceptAt('2025-06-30T10:00:00+07:00', 'rule-set-june-30');
    expect(june.ruleSetId).toBe('ND61-2018');
    expect(getRuleSet(june.ruleSetId).formSetVersion).toBe('TT01-2018');
    expect(june.appointmentAt?.toISOString()).toBe('2025-07-01T03:00:00.000Z');
    // Submitted online Tue 1 Jul 2025 00:30 in Hà Nội (still 30 Jun in UTC): NĐ 118/2025; counting Tue 07:00 →
    // Tue 17:00.
    const july = await acceptAt('2025-06-30T17:30:00Z', 'rule-set-july-1');
    expect(july.ruleSetId).toBe('ND118-2025');
    expect(july.countingStartedAt?.toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(july.appointmentAt?.toISOString()).toBe('2025-07-01T10:00:00.000Z');
  });

  it('received 15:00:40 (printed "15 giờ 00 phút") counts the same day; 15:01 counts from the next day', async () => {
    // Thu 19 Nov 2026 15:00:40 + 8 h → Fri 15:00:40 (2 h Thu less 40 s, 4.5 h + 1.5 h Fri).
    const atCutoff = await acceptAt('2026-11-19T15:00:40+07:00', 'cutoff-seconds');
    expect(atCutoff.countingStartedAt?.toISOString()).toBe('2026-11-19T08:00:40.000Z');
    expect(atCutoff.appointmentAt?.toISOString()).toBe('2026-11-20T08:00:40.000Z');
    // 15:01 → Fri 07:00 → Fri 17:00.
    const after = await acceptAt('2026-11-19T15:01:00+07:00', 'cutoff-after');
    expect(after.countingStartedAt?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(after.appointmentAt?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });
});
