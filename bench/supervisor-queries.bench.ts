// File length: one benchmark (10M-dossier fixture with its projections, the checks that keep it honest, every
// supervisor query, the report writer) kept in one file like the other benches.
import { environmentVariable, MotcuaConfig } from '@motcua/config';
import { getIndicatorRuleSet, localDay, openDossierStateAt } from '@motcua/domain';
import type { DossierFacts } from '@motcua/domain';
import {
  countAgencyDeadlines,
  createDataSource,
  openLevelsAt,
  rebuildSupervisionCounts,
  ROLL_UP_GRAINS,
  recountAgencyDeadlines,
  sumIndicatorCounters,
} from '@motcua/persistence';
import type { ClockService } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { encodeKeysetCursor } from '../apps/api/src/common/pagination/keyset-cursor';
import { IndicatorScopeResolver } from '../apps/api/src/indicators/indicator-scope';
import { IndicatorsUseCase } from '../apps/api/src/indicators/indicators.use-case';
import { ResolutionReportQueryDto } from '../apps/api/src/reports/dto/resolution-report-query.dto';
import { ResolutionReportUseCase } from '../apps/api/src/reports/resolution-report.use-case';
import { SupervisionDeadlinesUseCase } from '../apps/api/src/supervision/supervision-deadlines.use-case';
import { SeededCatalog, seedCatalog } from '../test/dossier/support/catalog-fixture';
import { createTestDatabase, databaseUrl, TestDatabase, withAdminClient } from '../test/support/database';
import { testConfig } from '../test/support/test-config';
import { autovacuumWorkers, loadAverage, machineFacts, quietAutovacuum } from './bench-machine';
import {
  benchDossierId,
  closedDossierParameters,
  closedDossierSql,
  dossierFacts,
  FixtureShape,
  NOW,
  openDossierSql,
  TODAY,
  writeIndicatorProjections,
} from './supervisor-fixture';
import { measure, Timing } from './bench-timing';
import { formatTrace, traceStatements } from './statement-trace';

/**
 * Issues 15 (acceptance 5) and 16: the supervisors' queries — GET /indicators, the periodic report, the late list and
 * the per-agency deadline counts — at BENCH_SUPERVISOR_DOSSIERS (default 10,000,000) stored dossiers, of which
 * BENCH_SUPERVISOR_OPEN (default 700,000) are open, on a throwaway database built by the real migrations. The indicator
 * projections are written by the projection's own code from each dossier's generated facts (bench/supervisor-fixture.ts),
 * the dossier rows in bulk by SQL from the same numbers (INSERT ... SELECT generate_series) with the dossier's
 * secondary indexes and triggers off, then indexes rebuilt; the supervision counters by `rebuildSupervisionCounts`.
 * Measured at the use cases after VACUUM ANALYZE with autovacuum off; p50/p95/p99 against `SELECT 1`,
 * a primary-key lookup and the queries they replace, in the same run. Reported, not asserted (target p95 < 100 ms);
 * the checks that the projections answer what the old queries answered are asserted.
 */
const DOSSIERS = Number(environmentVariable('BENCH_SUPERVISOR_DOSSIERS') ?? 10_000_000);
const OPEN = Number(environmentVariable('BENCH_SUPERVISOR_OPEN') ?? 700_000);
const REQUESTS = Number(environmentVariable('BENCH_SUPERVISOR_REQUESTS') ?? 100);
const BUILD_ONLY = environmentVariable('BENCH_SUPERVISOR_BUILD_ONLY') === '1';
/** Measure on a database kept by an earlier BENCH_SUPERVISOR_BUILD_ONLY=1 run (its pending migrations are run first). */
const REUSE = environmentVariable('BENCH_SUPERVISOR_DATABASE');
const KEEP = environmentVariable('BENCH_SUPERVISOR_KEEP') === '1' || BUILD_ONLY || REUSE !== undefined;
const ruleSet = getIndicatorRuleSet('QD766-2022');
/** The scenarios whose statements the report lists and EXPLAINs. */
const TRACED = [
  'GET /indicators, province, last 12 months',
  'GET /indicators, province, one procedure, last 12 months',
  'GET /indicators, province, quarter from mid-month (2031-02-14..2031-05-20)',
  'GET /reports/resolution, province by procedure, last 12 months',
  'GET /reports/resolution, district by field, this year to date',
  'before: GET /indicators, province, last 12 months, scope as the list of every agency',
];

/** The catalog a kept fixture was seeded with (what `seedCatalog` returns, without seeding again). */
async function readCatalog(dataSource: DataSource): Promise<SeededCatalog> {
  const agencyRows: Array<{ id: string; identifier: string; path: string }> = await dataSource.query(
    `SELECT id, identifier, path FROM agency`,
  );
  const procedureRows: Array<{ id: string; code: string }> = await dataSource.query(`SELECT id, code FROM procedure`);
  const agencies = new Map(agencyRows.map((row) => [row.identifier, row]));
  return {
    agencies,
    procedures: new Map(procedureRows.map((row) => [row.code, { id: row.id }])),
    actor: (identifier, ...roles) => {
      const agency = agencies.get(identifier);
      if (!agency) throw new Error(`no agency ${identifier}`);
      const { id: agencyId, path: agencyPath } = agency;
      return { userId: randomUUID(), username: `user-${identifier}`, roles, agencyId, agencyPath };
    },
  };
}

/**
 * A database to keep gets a name outside `motcua_t_*`: jest's global setup drops those once they are two hours old
 * (leftovers of crashed test runs), and it runs before every bench, so a kept fixture named so was lost on the first
 * measuring run after two hours.
 */
async function renameKept(database: TestDatabase): Promise<TestDatabase> {
  const name = database.name.replace(/^motcua_t_/, 'motcua_kept_');
  await withAdminClient(testConfig().DATABASE_URL, (client) =>
    client.query(`ALTER DATABASE ${database.name} RENAME TO ${name}`),
  );
  const drop = () =>
    withAdminClient(testConfig().DATABASE_URL, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
  return { name, url: databaseUrl(testConfig().DATABASE_URL, name), drop: () => drop().then(() => undefined) };
}

describe('supervisor queries at 10M dossiers', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  afterAll(async () => {
    await dataSource?.destroy();
    if (KEEP) console.log(`kept fixture database ${database?.name}`);
    else await database?.drop();
  });

  it(
    `answers supervisors among ${DOSSIERS} dossiers (${OPEN} open)`,
    async () => {
      database = REUSE
        ? { name: REUSE, url: databaseUrl(testConfig().DATABASE_URL, REUSE), drop: async () => undefined }
        : await createTestDatabase(testConfig().DATABASE_URL);
      if (KEEP && !REUSE) database = await renameKept(database);
      dataSource = createDataSource({ url: database.url, poolSize: 4 });
      await dataSource.initialize();
      const catalog = REUSE ? await readCatalog(dataSource) : await seedCatalog(dataSource);
      const agencies = [...catalog.agencies.values()];
      const agencyIds = agencies.map((agency) => agency.id);
      const procedureIds = [...catalog.procedures.values()].map((procedure) => procedure.id);
      const setupStart = Date.now();
      const phases: string[] = [];
      const phase = (name: string) => {
        const line = `${name}: ${((Date.now() - setupStart) / 1000).toFixed(0)} s`;
        phases.push(line);
        console.log(`setup ${line}`);
      };
      const shape: FixtureShape = { dossiers: DOSSIERS, open: OPEN, agencyIds, procedureIds };
      let setupSeconds = 0;
      const migrationsRun: string[] = [];
      if (REUSE) {
        // A kept fixture: its build log, then the migrations added since (backfills included), then their tables
        // vacuumed and analyzed (index-only scans need the visibility map).
        const [log] = await dataSource.query(`SELECT setup_seconds, phases, dossiers, open FROM bench_build_log`);
        if (Number(log.dossiers) !== DOSSIERS || Number(log.open) !== OPEN)
          throw new Error(`${REUSE} holds ${log.dossiers} dossiers (${log.open} open): set the same sizes`);
        setupSeconds = Number(log.setup_seconds);
        phases.push(...(log.phases as string[]));
        for (const migration of await dataSource.runMigrations({ transaction: 'each' }))
          migrationsRun.push(migration.name);
        await quietAutovacuum(dataSource);
        const fresh: Array<{ relname: string }> = await dataSource.query(
          `SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NULL AND n_live_tup > 0`,
        );
        for (const { relname } of fresh) await dataSource.query(`VACUUM ANALYZE ${relname}`);
        await dataSource.query('ANALYZE');
        console.log(
          `reused ${REUSE}: migrations run ${migrationsRun.join(', ') || 'none'}; vacuumed ${fresh.length} tables`,
        );
        if (BUILD_ONLY) return; // prepared (migrated, vacuumed) for a later measuring run
      } else {
        await quietAutovacuum(dataSource); // autovacuum off for the load too: the tables are vacuumed explicitly below
        const bulk = dataSource.createQueryRunner();
        await bulk.connect();
        await bulk.query(`SET maintenance_work_mem = '512MB'`);

        // 1. Indicator projections of every dossier through the projection's own code (see supervisor-fixture.ts): the
        //    rule set's contributions, addCounters (daily counters, monthly roll-ups, level totals), saveFacts (open ones);
        //    meanwhile, on a second connection, the closed dossiers' rows from the same n, secondary indexes and triggers
        //    off during the load. The open dossiers' rows are then inserted from their facts rows.
        const indexes: Array<{ indexname: string; indexdef: string }> = await bulk.query(
          `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'dossier' AND indexname NOT LIKE '%pkey' AND indexname <> 'dossier_code_key'`,
        );
        for (const index of indexes) await bulk.query(`DROP INDEX ${index.indexname}`);
        for (const table of ['dossier', 'deadline_clock', 'dossier_apology']) {
          await bulk.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        }
        // The daily counters' secondary indexes are rebuilt after the load, like the dossier's (the primary key the upserts
        // need stays).
        const counterIndexes: Array<{ indexname: string; indexdef: string }> = await bulk.query(
          `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'indicator_daily_counter' AND indexname NOT LIKE '%pkey'`,
        );
        for (const index of counterIndexes) await bulk.query(`DROP INDEX ${index.indexname}`);
        let lastProgress = Date.now();
        const insertClosed = async () => {
          const second = dataSource.createQueryRunner();
          await second.connect();
          try {
            const chunk = 500_000;
            for (let from = OPEN + 1; from <= DOSSIERS; from += chunk) {
              await second.query(
                closedDossierSql(),
                closedDossierParameters(shape, from, Math.min(DOSSIERS, from + chunk - 1)),
              );
            }
          } finally {
            await second.release();
          }
          phase('closed dossiers inserted');
        };
        const [projection] = await Promise.all([
          writeIndicatorProjections(bulk.manager, shape, ruleSet, benchDossierId, (done) => {
            if (Date.now() - lastProgress > 30_000) {
              lastProgress = Date.now();
              const seconds = ((Date.now() - setupStart) / 1000).toFixed(0);
              console.log(
                done >= 0
                  ? `projections: ${done} dossiers folded in (${seconds} s)`
                  : `projections: ${-done} counter keys written (${seconds} s)`,
              );
            }
          }),
          insertClosed(),
        ]);
        phase(`projections written (${projection.shapes} distinct facts, ${projection.checked} sampled checks)`);
        await bulk.query(openDossierSql);
        phase('open dossiers inserted');
        await bulk.query(
          `INSERT INTO deadline_clock (subject_type, subject_id, dossier_id, agency_id, procedure_id, deadline_version, deadline_at, clock_status, overdue_at, late_agency_id)
         SELECT 'dossier', id, id, receiving_agency_id, procedure_id, 1, appointment_at, 'running', appointment_at, receiving_agency_id
         FROM dossier WHERE status IN ('received', 'processing', 'awaiting-payment') AND appointment_at < $1`,
          [NOW],
        );
        await bulk.query(
          `INSERT INTO dossier_apology (dossier_id, issued_at, reason, responsible_unit, original_appointment_at, new_appointment_at, new_appointment_place, rule_set_id)
         SELECT subject_id, deadline_at - interval '2 days', 'bench', 'bench', deadline_at - interval '1 day', deadline_at, 'desk', 'ND118-2025'
         FROM deadline_clock WHERE ('x' || substr(md5(subject_id::text), 1, 4))::bit(16)::int % 5 = 0`,
        );
        phase('clocks and apologies inserted');
        for (const index of [...indexes, ...counterIndexes]) await bulk.query(index.indexdef);
        for (const table of ['dossier', 'deadline_clock', 'dossier_apology']) {
          await bulk.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
        }
        await bulk.query('VACUUM ANALYZE dossier');
        for (const table of ['deadline_clock', 'dossier_apology', 'agency', 'procedure'])
          await bulk.query(`ANALYZE ${table}`);
        phase('dossier indexes rebuilt, vacuumed');

        // 3. Supervision counters as the subscriber leaves them, then 200 changes not folded yet (read-time correction).
        await rebuildSupervisionCounts(bulk.manager);
        await bulk.query(
          `UPDATE dossier SET appointment_at = appointment_at - interval '3 days'
         WHERE code IN (SELECT 'SQ-' || n FROM generate_series(1, 2000, 10) n)`,
        );
        for (const table of [
          'supervision_count_key',
          'supervision_counter',
          'indicator_daily_counter',
          'indicator_monthly_counter',
          'indicator_level_total',
          'indicator_dossier_fact',
        ]) {
          await bulk.query(`VACUUM ANALYZE ${table}`);
        }
        phase('supervision counters built, projections vacuumed');
        await quietAutovacuum(dataSource);
        setupSeconds = (Date.now() - setupStart) / 1000;
        await bulk.release();
        await dataSource.query(
          `CREATE TABLE bench_build_log (setup_seconds numeric, phases text[], dossiers bigint, open bigint)`,
        );
        await dataSource.query(`INSERT INTO bench_build_log VALUES ($1, $2, $3, $4)`, [
          setupSeconds,
          phases,
          DOSSIERS,
          OPEN,
        ]);
        if (BUILD_ONLY) {
          console.log(`built ${database.name} in ${setupSeconds.toFixed(0)} s: ${phases.join('; ')}`);
          return;
        }
      }

      // The dossier rows are the generated facts' dossiers (a sample of 2,000, asserted at the end).
      const sample = Array.from({ length: 2000 }, (_, index) => 1 + Math.floor((index * DOSSIERS) / 2000));
      const sampled: Array<{ code: string; received_at: Date; channel: string; agency: string; procedure: string }> =
        await dataSource.query(
          `SELECT code, received_at, channel, receiving_agency_id AS agency, procedure_id AS procedure FROM dossier
         WHERE code = ANY($1::text[])`,
          [sample.map((n) => `SQ-${n}`)],
        );
      const sampleMismatches = sampled.filter((row) => {
        const facts = dossierFacts(Number(row.code.slice(3)), shape);
        return (
          new Date(row.received_at).toISOString() !== facts.receivedAt ||
          row.channel !== facts.channel ||
          row.agency !== facts.agencyId ||
          row.procedure !== facts.procedureId
        );
      }).length;
      // The monthly roll-ups equal the sums of their days, the level totals the sums of their deltas (whole tables).
      const [rollUps] = await dataSource.query(
        `SELECT (SELECT count(*) FROM indicator_monthly_counter m FULL JOIN (
                 SELECT date_trunc('month', day)::date AS month, agency_id, procedure_id, channel, metric, sum(value) AS value
                 FROM indicator_daily_counter GROUP BY 1, 2, 3, 4, 5) d
               USING (month, agency_id, procedure_id, channel, metric)
               WHERE coalesce(m.value, 0) <> coalesce(d.value, 0))::int AS monthly,
              (SELECT count(*) FROM indicator_level_total t FULL JOIN (
                 SELECT agency_id, procedure_id, channel, metric, sum(value) AS value FROM indicator_daily_counter
                 WHERE metric LIKE 'level.%' GROUP BY 1, 2, 3, 4) d USING (agency_id, procedure_id, channel, metric)
               WHERE coalesce(t.value, 0) <> coalesce(d.value, 0))::int AS levels`,
      );

      const [sizes] = await dataSource.query(
        `SELECT (SELECT count(*) FROM dossier)::int AS dossiers,
              (SELECT count(*) FROM dossier WHERE status IN ('received', 'processing', 'awaiting-supplement', 'awaiting-payment'))::int AS open,
              (SELECT count(*) FROM indicator_daily_counter)::int AS counters,
              (SELECT count(*) FROM indicator_monthly_counter)::int AS monthly,
              (SELECT count(*) FROM indicator_daily_counter WHERE metric LIKE 'level.%' AND day > $1::date)::int AS future_levels,
              (SELECT count(*) FROM supervision_counter)::int AS supervision_counters,
              (SELECT count(*) FROM supervision_dirty)::int AS dirty,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
        [TODAY],
      );

      const clock = { now: () => NOW } as unknown as ClockService;
      const scopes = new IndicatorScopeResolver(dataSource, clock);
      const indicators = new IndicatorsUseCase(dataSource, scopes, { INDICATOR_TARGET_SET: '' } as MotcuaConfig);
      const reports = new ResolutionReportUseCase(dataSource, scopes);
      // Before: a province supervisor's scope as the list of every agency, what IndicatorScopeResolver returned until
      // the whole-province scope became null (the sums then read the per-agency or full counters, not the per-procedure
      // roll-ups).
      const everyAgencyScopes = {
        period: (from: string, to: string) => scopes.period(from, to),
        scope: async (_actor: unknown, filters: { procedureId?: string; field?: string }) => ({
          agencyIds,
          procedureId: filters.procedureId,
          field: filters.field,
        }),
      } as unknown as IndicatorScopeResolver;
      const indicatorsBefore = new IndicatorsUseCase(dataSource, everyAgencyScopes, {
        INDICATOR_TARGET_SET: '',
      } as MotcuaConfig);
      const reportsBefore = new ResolutionReportUseCase(dataSource, everyAgencyScopes);
      const supervision = new SupervisionDeadlinesUseCase(dataSource, clock);
      const province = catalog.actor('000.00.00.H62', 'supervisor');
      const district = catalog.actor('000.00.12.H62', 'supervisor');
      const commune = catalog.actor('000.21.12.H62', 'supervisor');

      // Checks (asserted): the projections answer what the queries they replace answer.
      const oldOpenClassification = async (agencyIdsInScope: string[] | null) => {
        const rows: Array<{ facts: DossierFacts }> = await dataSource.query(
          `SELECT f.facts FROM indicator_dossier_fact f WHERE f.received_at <= $1 AND (f.ended_at IS NULL OR f.ended_at > $1)
           AND ($2::uuid[] IS NULL OR f.agency_id = ANY($2::uuid[]))`,
          [new Date(`${TODAY}T23:59:59.999+07:00`), agencyIdsInScope],
        );
        let nationalLate = 0;
        let overdue = 0;
        for (const { facts } of rows) {
          const state = openDossierStateAt(facts, new Date(`${TODAY}T23:59:59.999+07:00`), ruleSet);
          if (state.nationalOnTime === false) nationalLate += 1;
          if (state.report === 'overdue') overdue += 1;
        }
        return { open: rows.length, nationalLate, overdue };
      };
      const districtAgencies = (await scopes.scope(district, {})).agencyIds as string[];
      // Asserted at the end (after the report is written, so a long run is never lost).
      const checks: Array<{ name: string; served: unknown; expected: unknown }> = [];
      for (const [name, agencyIdsInScope] of [
        ['province', null],
        ['district', districtAgencies],
      ] as const) {
        const [levels] = await openLevelsAt(dataSource.manager, TODAY, { agencyIds: agencyIdsInScope });
        const served = {
          open: levels?.open ?? 0,
          nationalLate: levels?.nationalLate ?? 0,
          overdue: levels?.overdue ?? 0,
        };
        checks.push({
          name: `levels at the end of today, ${name}`,
          served,
          expected: await oldOpenClassification(agencyIdsInScope),
        });
      }
      checks.push({
        name: 'agency deadline counts, province',
        served: await countAgencyDeadlines(dataSource.manager, province.agencyPath, NOW),
        expected: await recountAgencyDeadlines(dataSource.manager, province.agencyPath, NOW),
      });
      checks.push({ name: 'dossier rows vs generated facts (2,000 sampled)', served: sampleMismatches, expected: 0 });
      checks.push({
        name: 'monthly roll-ups vs sums of their days (whole table)',
        served: rollUps.monthly,
        expected: 0,
      });
      checks.push({ name: 'level totals vs sums of their deltas (whole table)', served: rollUps.levels, expected: 0 });
      // The roll-up grains (per agency, per procedure; daily and monthly) equal the full daily counters summed over the
      // dimension they drop (whole tables).
      for (const grain of ROLL_UP_GRAINS) {
        const dimension = grain.hasAgency ? 'agency_id' : 'procedure_id';
        for (const [table, column, dateSql] of [
          [grain.daily, 'day', 'day'],
          [grain.monthly, 'month', `date_trunc('month', day)::date`],
        ]) {
          const [{ differing }] = await dataSource.query(
            `SELECT count(*)::int AS differing FROM ${table} r FULL JOIN (
               SELECT ${dateSql} AS ${column}, ${dimension}, channel, metric, sum(value) AS value
               FROM indicator_daily_counter GROUP BY 1, 2, 3, 4) d USING (${column}, ${dimension}, channel, metric)
             WHERE coalesce(r.value, 0) <> coalesce(d.value, 0)`,
          );
          checks.push({ name: `${table} vs the daily counters summed (whole table)`, served: differing, expected: 0 });
        }
      }
      // Before monthly roll-ups: the same flow sums read day by day (the query sumIndicatorCounters ran until now).
      const dailyOnlySums = (fromDay: string, toDay: string, group = `''`) =>
        dataSource.query(
          `SELECT ${group} AS group_key, c.channel, c.metric, sum(c.value)::text AS value FROM indicator_daily_counter c
         WHERE c.day BETWEEN $1::date AND $2::date AND c.metric NOT LIKE 'level.%' AND TRUE GROUP BY 1, 2, 3`,
          [fromDay, toDay],
        );
      const sortedSums = (
        rows: Array<{ group_key?: string; groupKey?: string; channel: string; metric: string; value: string | number }>,
      ) =>
        rows.map((row) => `${row.group_key ?? row.groupKey}|${row.channel}|${row.metric}|${Number(row.value)}`).sort();
      for (const [fromDay, toDay] of [
        ['2030-06-03', TODAY],
        ['2031-01-01', '2031-03-31'],
        ['2031-02-14', '2031-05-20'],
      ]) {
        checks.push({
          name: `flow sums ${fromDay}..${toDay}, roll-ups + edge days vs day by day`,
          served: sortedSums(await sumIndicatorCounters(dataSource.manager, fromDay, toDay, { agencyIds: null })),
          expected: sortedSums(await dailyOnlySums(fromDay, toDay)),
        });
      }
      for (const groupBy of ['agency', 'procedure'] as const) {
        checks.push({
          name: `flow sums 2030-06-03..${TODAY} by ${groupBy}, roll-ups + edge days vs day by day`,
          served: sortedSums(
            await sumIndicatorCounters(dataSource.manager, '2030-06-03', TODAY, { agencyIds: null }, groupBy),
          ),
          expected: sortedSums(await dailyOnlySums('2030-06-03', TODAY, `c.${groupBy}_id::text`)),
        });
      }
      const [lateRow] = await dataSource.query(
        `SELECT d.id, d.appointment_at FROM dossier d
       WHERE d.status IN ('received', 'processing', 'awaiting-payment') AND d.appointment_at < $1 AND d.parent_dossier_id IS NULL
       ORDER BY d.appointment_at, d.id OFFSET $2 LIMIT 1`,
        [NOW, Math.min(4999, Math.floor(OPEN / 5))],
      );
      const deepCursor = encodeKeysetCursor({ at: new Date(lateRow.appointment_at), id: lateRow.id });
      const [middle] = await dataSource.query(`SELECT id FROM dossier WHERE code = $1`, [
        `SQ-${Math.floor(DOSSIERS / 2)}`,
      ]);
      const period = (from: string, to: string) => ({ from, to });
      const [{ field: fieldName }] = await dataSource.query(`SELECT field FROM procedure WHERE id = $1`, [
        procedureIds[0],
      ]);
      const report = (groupBy: 'field' | 'procedure' | 'agency', from: string, to: string) =>
        Object.assign(new ResolutionReportQueryDto(), { from, to, groupBy, format: 'json' });
      // The whole province as a null scope answers what the list of every agency answered (same use cases).
      for (const [from, to] of [
        ['2030-06-01', '2031-05-31'],
        ['2031-02-14', '2031-05-20'],
      ]) {
        checks.push({
          name: `GET /indicators ${from}..${to}, province: null scope vs the list of every agency`,
          served: await indicators.compute(province, period(from, to)),
          expected: await indicatorsBefore.compute(province, period(from, to)),
        });
        checks.push({
          name: `GET /indicators ${from}..${to}, province, one procedure: null scope vs the list of every agency`,
          served: await indicators.compute(province, { ...period(from, to), procedureId: procedureIds[0] }),
          expected: await indicatorsBefore.compute(province, { ...period(from, to), procedureId: procedureIds[0] }),
        });
        for (const groupBy of ['field', 'procedure', 'agency'] as const) {
          checks.push({
            name: `GET /reports/resolution ${from}..${to} by ${groupBy}, province: null scope vs the list of every agency`,
            served: await reports.report(province, report(groupBy, from, to)),
            expected: await reportsBefore.report(province, report(groupBy, from, to)),
          });
        }
      }

      const scenarios: Array<{ name: string; runs?: number; warmups?: number; run: () => Promise<unknown> }> = [
        { name: 'baseline: SELECT 1', run: () => dataSource.query('SELECT 1') },
        {
          name: 'baseline: dossier primary-key lookup',
          run: () => dataSource.query('SELECT id, appointment_at FROM dossier WHERE id = $1', [middle.id]),
        },
        {
          name: 'GET /indicators, province, this month to date (2 days)',
          run: () => indicators.compute(province, period('2031-06-01', TODAY)),
        },
        {
          name: 'GET /indicators, province, last month',
          run: () => indicators.compute(province, period('2031-05-01', '2031-05-31')),
        },
        {
          name: 'GET /indicators, province, last 30 days (two partial months)',
          run: () => indicators.compute(province, period('2031-05-04', TODAY)),
        },
        {
          name: 'GET /indicators, province, last quarter',
          run: () => indicators.compute(province, period('2031-01-01', '2031-03-31')),
        },
        {
          name: 'GET /indicators, province, quarter from mid-month (2031-02-14..2031-05-20)',
          run: () => indicators.compute(province, period('2031-02-14', '2031-05-20')),
        },
        {
          name: 'GET /indicators, province, last 12 months',
          run: () => indicators.compute(province, period('2030-06-01', '2031-05-31')),
        },
        {
          name: 'GET /indicators, province, 12 months to today (2030-06-03..2031-06-02)',
          run: () => indicators.compute(province, period('2030-06-03', TODAY)),
        },
        {
          name: 'GET /indicators, district, this year to date',
          run: () => indicators.compute(district, period('2031-01-01', TODAY)),
        },
        {
          name: 'GET /indicators, province, one procedure, last 12 months',
          run: () =>
            indicators.compute(province, { ...period('2030-06-01', '2031-05-31'), procedureId: procedureIds[0] }),
        },
        {
          name: 'GET /indicators, province, one field, last quarter',
          run: () => indicators.compute(province, { ...period('2031-01-01', '2031-03-31'), field: fieldName }),
        },
        {
          name: 'GET /reports/resolution, province by field, last month',
          run: () => reports.report(province, report('field', '2031-05-01', '2031-05-31')),
        },
        {
          name: 'GET /reports/resolution, province by procedure, last month',
          run: () => reports.report(province, report('procedure', '2031-05-01', '2031-05-31')),
        },
        {
          name: 'GET /reports/resolution, province by agency, last quarter',
          run: () => reports.report(province, report('agency', '2031-01-01', '2031-03-31')),
        },
        {
          name: 'GET /reports/resolution, province by field, last quarter',
          run: () => reports.report(province, report('field', '2031-01-01', '2031-03-31')),
        },
        {
          name: 'GET /reports/resolution, province by procedure, last 12 months',
          run: () => reports.report(province, report('procedure', '2030-06-01', '2031-05-31')),
        },
        {
          name: 'GET /reports/resolution, province by agency, 12 months to today',
          run: () => reports.report(province, report('agency', '2030-06-03', TODAY)),
        },
        {
          name: 'GET /reports/resolution, district by field, this year to date',
          run: () => reports.report(district, report('field', '2031-01-01', TODAY)),
        },
        {
          name: 'before: GET /indicators, province, last 12 months, scope as the list of every agency',
          run: () => indicatorsBefore.compute(province, period('2030-06-01', '2031-05-31')),
        },
        {
          name: 'before: GET /indicators, province, one procedure, last 12 months, scope as the list of every agency',
          run: () =>
            indicatorsBefore.compute(province, { ...period('2030-06-01', '2031-05-31'), procedureId: procedureIds[0] }),
        },
        {
          name: 'before: GET /reports/resolution, province by procedure, last 12 months, scope as the list of every agency',
          run: () => reportsBefore.report(province, report('procedure', '2030-06-01', '2031-05-31')),
        },
        {
          name: 'before: 12-month flow sums read day by day (the query before monthly roll-ups), 10 runs after 2 warm-ups',
          runs: 10,
          warmups: 2,
          run: () => dailyOnlySums('2030-06-01', '2031-05-31'),
        },
        {
          name: 'late list, province, first page of 50',
          run: () => supervision.list(province, { limit: 50 }, 'late'),
        },
        {
          name: 'late list, commune, first page of 50',
          run: () => supervision.list(commune, { limit: 50 }, 'late'),
        },
        {
          name: `late list, province, keyset cursor after row ${Math.min(5000, Math.floor(OPEN / 5) + 1)}`,
          run: () => supervision.list(province, { limit: 50, cursor: deepCursor }, 'late'),
        },
        { name: 'near-due list (24 h), province', run: () => supervision.list(province, { limit: 50 }, 'near-due') },
        { name: 'agency deadline counts (projection), province', run: () => supervision.agencyCounts(province) },
        { name: 'agency deadline counts (projection), district', run: () => supervision.agencyCounts(district) },
        {
          name: 'before: agency counts by aggregation over the open dossiers, province, 10 runs after 1 warm-up',
          runs: 10,
          warmups: 1,
          run: () => recountAgencyDeadlines(dataSource.manager, province.agencyPath, NOW),
        },
      ];
      const machine = await machineFacts(dataSource);
      const results: Array<{ name: string } & Timing> = [];
      let vacuumSeen = 0;
      for (const scenario of scenarios) {
        results.push({
          name: scenario.name,
          ...(await measure(scenario.runs ?? REQUESTS, scenario.run, scenario.warmups)),
        });
        vacuumSeen += await autovacuumWorkers(dataSource);
        console.log(`${scenario.name}: p95 ${results[results.length - 1].p95.toFixed(2)} ms`);
      }
      const loadAfter = loadAverage();
      // Every statement the slowest requests send, as they send them (scope resolution included), each EXPLAINed, and
      // the time each request spends outside its statements.
      const traced: string[] = [];
      for (const name of TRACED) {
        const scenario = scenarios.find((item) => item.name === name);
        if (!scenario) throw new Error(`no scenario ${name}`);
        traced.push(...formatTrace(name, await traceStatements(dataSource, scenario.run)));
      }

      const format = (value: number) => value.toFixed(2);
      const baseline = results[0].p95;
      const text = [
        `# Supervisor queries at ${DOSSIERS.toLocaleString('en')} stored dossiers (issue 15 acceptance 5, issue 16 agency counts)`,
        '',
        `Run ${new Date().toISOString()} on ${machine} before measuring, ${loadAfter} after. The machine is shared by`,
        '6 people (2 cores): read the ratios to the same-run baselines. Autovacuum off for the bench database after the',
        `VACUUM ANALYZE of every table; autovacuum workers seen in it after the scenarios: ${vacuumSeen}.`,
        `Fixture: ${sizes.dossiers} dossiers (${sizes.open} open), ${agencies.length} agencies × ${procedureIds.length} procedures × 3 channels,`,
        `${sizes.counters} daily counter rows (three years of flows and level deltas; ${sizes.future_levels} level rows dated after today),`,
        `${sizes.monthly} monthly roll-up rows, ${sizes.supervision_counters} supervision counter rows and ${sizes.dirty} dossiers changed but not`,
        `folded in yet; database ${sizes.size}.`,
        `Built by the real migrations on a throwaway database in ${setupSeconds.toFixed(0)} s (${phases.join('; ')}).`,
        REUSE
          ? `Measured on that database kept by an earlier BENCH_SUPERVISOR_BUILD_ONLY=1 run (${REUSE}); migrations run on it before measuring (their backfills included): ${migrationsRun.join(', ') || 'none (prepared by a BUILD_ONLY run on it)'}.`
          : 'Built and measured in this run.',
        'Counter grains (`libs/persistence/src/indicators/counter-grain.ts`, `counterGrainFor`): a sum over every agency',
        '(province) reads the per-procedure roll-ups, one with no procedure / field filter or grouping the per-agency',
        'roll-ups, the rest (a subtree by procedure or field, one procedure in a subtree) the full counters.',
        "**How the projections were built:** each dossier's facts are generated from its number n",
        '(`bench/supervisor-fixture.ts`: the lifecycles early / on the due day / late / supplement once or twice / withdrawn /',
        'refused, fees paid online or at the desk, electronic hand-overs, digitized results, reuse, ratings; open ones with',
        "pending supplements) and written by the projection's own code, the code the `indicators` event subscriber runs:",
        '`storedContributions` (the QĐ 766 rule set), `addDossierDelta`, `addCounters` (daily counters, monthly roll-ups and',
        "level totals in one transaction per flush) and `saveFacts` (the open dossiers' facts rows). Not by the event",
        'replay of `npm run indicators:rebuild`: the 10M dossiers have no event log here. Contributions are memoized by the facts',
        'without their identity (checked against a direct computation every 5,000th dossier). The dossier rows are inserted',
        'by SQL from the same n and sampled against the facts (check below).',
        `Measured at the use cases (SQL + mapping), ${REQUESTS} sequential calls per scenario after 10 warm-ups unless said.`,
        'Target: p95 < 100 ms. Reported, not asserted. Regenerate with `npm run bench:supervisor` (BENCH_SUPERVISOR_DOSSIERS,',
        'BENCH_SUPERVISOR_OPEN, BENCH_SUPERVISOR_REQUESTS; BENCH_SUPERVISOR_KEEP=1 keeps the database;',
        'BENCH_SUPERVISOR_BUILD_ONLY=1 builds and keeps it without measuring, BENCH_SUPERVISOR_DATABASE=<name> measures a kept one).',
        '',
        'Checked (asserted after this report is written): open / late (QĐ 766) / overdue at the end of today from the level',
        'projection against the TypeScript classification of every open dossier (province and a district); the per-agency',
        'counts from the projection against the aggregation over dossiers, clocks and apologies; the roll-ups against their',
        'days; flow sums through the roll-ups against the same sums read day by day:',
        '',
        ...checks.map(
          (check) =>
            `- ${check.name}: ${JSON.stringify(check.served) === JSON.stringify(check.expected) ? 'equal' : 'DIFFERENT'}` +
            (check.name.startsWith('levels') ? ` (${JSON.stringify(check.served)})` : ''),
        ),
        '',
        '| scenario | p50 ms | p95 ms | p99 ms | max ms | p95 vs SELECT 1 |',
        '|---|---:|---:|---:|---:|---:|',
        ...results.map(
          (row) =>
            `| ${row.name} | ${format(row.p50)} | ${format(row.p95)} | ${format(row.p99)} | ${format(row.max)} | ×${(row.p95 / baseline).toFixed(1)} |`,
        ),
        '',
        'Every statement of the slowest requests (one call each after the measured runs, with the actors and filters of',
        'the scenarios above), its round trip as the use case saw it, its plan (`EXPLAIN (ANALYZE, BUFFERS)`, run',
        'right after), and the time the request spent outside its statements (`bench/statement-trace.ts`):',
        '',
        ...traced,
      ].join('\n');
      const directory = join(__dirname, 'reports');
      if (!existsSync(directory)) mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, 'supervisor-queries.md'), text);
      console.log(text);
      for (const check of checks)
        expect({ name: check.name, value: check.served }).toEqual({ name: check.name, value: check.expected });
      expect(sizes.dossiers).toBe(DOSSIERS);
      expect(localDay(NOW.toISOString())).toBe(TODAY);
    },
    6 * 3_600_000,
  ); // a 10M build takes longer than the bench config's 30-minute test timeout on a shared machine
});
