import {
  countAgencyDeadlines,
  createDataSource,
  rebuildSupervisionCounts,
  reconcileSupervisionCounts,
  recountAgencyDeadlines,
} from '@motcua/persistence';
import type { DataSource } from 'typeorm';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

/**
 * Issue 16: the per-agency deadline counts served from the counter projection equal the aggregation over the dossier,
 * clock and step rows it replaces — right after changes (dirty dossiers corrected at read time), after the
 * subscriber's fold, after a second fold (idempotent) and after a rebuild — for changes made with or without events.
 */
const NOW = new Date('2031-06-02T08:00:00Z');
const HOUR = 3_600_000;

describe('supervision counter projection (issue 16)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    catalog = await seedCatalog(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const paths = () => [catalog.actor('000.00.00.H62', 'supervisor'), catalog.actor('000.00.12.H62', 'supervisor')];

  async function expectSameCounts(stage: string): Promise<void> {
    for (const actor of paths()) {
      const served = await countAgencyDeadlines(dataSource.manager, actor.agencyPath, NOW);
      const recounted = await recountAgencyDeadlines(dataSource.manager, actor.agencyPath, NOW);
      expect({ stage, path: actor.agencyPath, counts: served }).toEqual({
        stage,
        path: actor.agencyPath,
        counts: recounted,
      });
    }
  }

  async function counters(): Promise<unknown[]> {
    return dataSource.query(
      `SELECT agency_id, kind, due_day::text, apology, value::int FROM supervision_counter ORDER BY 1, 2, 3, 4`,
    );
  }

  it('serves the same counts as the aggregation, before and after folding, for every kind of change', async () => {
    const agencies = [...catalog.agencies.values()].map((agency) => agency.id);
    const procedures = [...catalog.procedures.values()].map((procedure) => procedure.id);
    const statuses = ['received', 'processing', 'awaiting-supplement', 'awaiting-payment', 'returned', 'result-ready'];
    // 120 dossiers: appointments from 3 days before NOW to 3 days after (some earlier today, some later today), none
    // for every 11th; every 13th a linked sub-dossier (not counted).
    const dossiers: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
         appointment_at, legal_time_minutes, rule_set_id, lookup_secret_hash)
       SELECT 'CNT-' || n, ($1::uuid[])[1 + n % $2], ($3::uuid[])[1 + (n * 5) % $4], 'in-person',
              ($5::text[])[1 + n % 6], '{"name":"A"}', 'A', $6::timestamptz - interval '10 days',
              CASE WHEN n % 11 = 0 THEN NULL ELSE $6::timestamptz + ((n * 37) % 145 - 72) * interval '1 hour' END,
              2400, 'ND118-2025', 'x'
       FROM generate_series(1, 120) AS n ORDER BY n RETURNING id`,
      [procedures, procedures.length, agencies, agencies.length, statuses, NOW],
    );
    const ids = dossiers.map((row) => row.id);
    await dataSource.query(`UPDATE dossier SET parent_dossier_id = $1 WHERE id = ANY($2::uuid[])`, [
      ids[0],
      ids.filter((_, index) => index % 13 === 12),
    ]);
    // Apologies on every 5th, overdue clocks charged to some agency on every 3rd.
    await dataSource.query(
      `INSERT INTO dossier_apology (dossier_id, issued_at, reason, responsible_unit, original_appointment_at, new_appointment_at, new_appointment_place, rule_set_id)
       SELECT id, $2, 'r', 'u', $2, $2, 'desk', 'ND118-2025' FROM unnest($1::uuid[]) WITH ORDINALITY AS d(id, n) WHERE n % 5 = 0`,
      [ids, NOW],
    );
    await dataSource.query(
      `INSERT INTO deadline_clock (subject_type, subject_id, dossier_id, agency_id, procedure_id, deadline_version, deadline_at, clock_status, overdue_at, late_agency_id)
       SELECT 'dossier', d.id, d.id, d.receiving_agency_id, d.procedure_id, 1, d.appointment_at, 'running',
              CASE WHEN n % 3 = 0 THEN $2::timestamptz END, CASE WHEN n % 3 = 0 THEN ($3::uuid[])[1 + n % 3] END
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) JOIN dossier d ON d.id = u.id`,
      [ids, NOW, agencies],
    );
    // Open steps at other agencies, deadlines around NOW; one step clock paused.
    const [definition] = await dataSource.query(
      `INSERT INTO process_definition (procedure_id, version, document, status) VALUES ($1, 1, '{}', 'draft')
       RETURNING id, procedure_id`,
      [procedures[0]],
    );
    const steps: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO step_task (dossier_id, procedure_id, process_definition_id, step_id, attempt, kind, agency_id, status,
         budget_minutes, started_at, deadline_at, handover, started_event_sequence)
       SELECT u.id, $2, $3, 'step', 1, 'task', ($4::uuid[])[1 + n % $5], (ARRAY['open', 'claimed', 'completed'])[1 + n % 3],
              480, $6::timestamptz - interval '1 day', $6::timestamptz + ((n * 53) % 97 - 48) * interval '1 hour', 'paper', 1
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) WHERE n % 2 = 0 RETURNING id`,
      [ids, definition.procedure_id, definition.id, agencies, agencies.length, NOW],
    );
    await dataSource.query(
      `INSERT INTO deadline_clock (subject_type, subject_id, dossier_id, agency_id, procedure_id, deadline_version, deadline_at, clock_status)
       SELECT 'step', t.id, t.dossier_id, t.agency_id, t.procedure_id, 1, t.deadline_at + interval '2 days',
              CASE WHEN n % 4 = 0 THEN 'paused' ELSE 'running' END
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) JOIN step_task t ON t.id = u.id WHERE n % 2 = 0`,
      [steps.map((step) => step.id)],
    );

    // Nothing folded yet: every dossier is dirty, the counts come from the read-time correction alone.
    await expectSameCounts('all dirty');
    const province = await recountAgencyDeadlines(dataSource.manager, paths()[0].agencyPath, NOW);
    const total = (field: 'open' | 'late' | 'lateWithoutApology' | 'paused' | 'lateCharged' | 'stepsOverrunningNow') =>
      province.reduce((sum, row) => sum + row[field], 0);
    // The fixture exercises every count (the comparisons above are not between zeros).
    for (const field of [
      'open',
      'late',
      'lateWithoutApology',
      'paused',
      'lateCharged',
      'stepsOverrunningNow',
    ] as const) {
      expect({ field, total: total(field) }).toEqual({ field, total: expect.any(Number) });
      expect(total(field)).toBeGreaterThan(0);
    }
    await reconcileSupervisionCounts(dataSource.manager);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM supervision_dirty`)).toEqual([{ n: 0 }]);
    await expectSameCounts('folded');
    const folded = await counters();
    await reconcileSupervisionCounts(dataSource.manager);
    expect(await counters()).toEqual(folded);

    // Changes of every kind, written without any event: the triggers mark the dossiers.
    await dataSource.query(`UPDATE dossier SET status = 'returned' WHERE id = ANY($1::uuid[])`, [ids.slice(0, 10)]);
    await dataSource.query(`UPDATE dossier SET status = 'awaiting-supplement' WHERE id = ANY($1::uuid[])`, [
      ids.slice(10, 20),
    ]);
    await dataSource.query(`UPDATE dossier SET appointment_at = $2 WHERE id = ANY($1::uuid[])`, [
      ids.slice(20, 40),
      new Date(NOW.getTime() - 2 * HOUR),
    ]);
    await dataSource.query(
      `INSERT INTO dossier_apology (dossier_id, issued_at, reason, responsible_unit, original_appointment_at, new_appointment_at, new_appointment_place, rule_set_id)
       SELECT id, $2, 'r', 'u', $2, $2, 'desk', 'ND118-2025' FROM unnest($1::uuid[]) AS id`,
      [ids.slice(40, 50), NOW],
    );
    await dataSource.query(
      `UPDATE deadline_clock SET overdue_at = $2, late_agency_id = agency_id WHERE subject_type = 'dossier' AND subject_id = ANY($1::uuid[])`,
      [ids.slice(50, 70), NOW],
    );
    await dataSource.query(`UPDATE step_task SET status = 'completed' WHERE id = ANY($1::uuid[])`, [
      steps.slice(0, 8).map((s) => s.id),
    ]);
    await dataSource.query(
      `UPDATE deadline_clock SET clock_status = 'running', deadline_at = $1 WHERE subject_type = 'step' AND clock_status = 'paused'`,
      [new Date(NOW.getTime() - HOUR)],
    );
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM supervision_dirty`))[0].n).toBeGreaterThan(0);
    await expectSameCounts('changed, not folded');
    await reconcileSupervisionCounts(dataSource.manager);
    await expectSameCounts('changed and folded');
    const afterChanges = await counters();
    expect(afterChanges).not.toEqual(folded);
    await rebuildSupervisionCounts(dataSource.manager);
    expect(await counters()).toEqual(afterChanges);
    await expectSameCounts('rebuilt');
  });
});
