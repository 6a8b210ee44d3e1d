import {
  addCalendarDays,
  computeIndicators,
  DossierFacts,
  dossierContributions,
  getIndicatorRuleSet,
  getIndicatorTargetSet,
  IndicatorInput,
  openDossierStateAt,
} from '@motcua/domain';
import {
  checkIndicatorProjection,
  createDataSource,
  indicatorPeriod,
  IndicatorScope,
  listPeriodFacts,
  loadIndicatorInput,
  recomputeIndicatorProjection,
  resetIndicatorProjection,
} from '@motcua/persistence';
import { SubscriberRunner } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { IndicatorProjectionSubscriber } from '../../apps/workflow/src/indicators/indicator-projection.subscriber';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { planLifecycles, seededRandom, writeInterleaved } from './support/random-lifecycles';

// Issue 15 acceptance 2 runs 5,000 dossiers (`npm run test:indicators-random`); `npm test` runs a smaller draw.
const DOSSIERS = Number(process.env.INDICATOR_RANDOM_DOSSIERS ?? 600);
const SEED = Number(process.env.INDICATOR_RANDOM_SEED ?? 20261126);
const ruleSet = getIndicatorRuleSet('QD766-2022');
const targets = getIndicatorTargetSet('KH-2021-2025');

/** Indicator input computed only from dossier-facts rows (what anyone could do with the CSV/JSON export). */
function inputFromFacts(facts: readonly DossierFacts[], fromDay: string, toDay: string, end: Date): IndicatorInput {
  const input: IndicatorInput = {
    sums: {},
    receivedByChannel: {},
    openAtEnd: { total: 0, nationalOnTime: 0 },
    feeBearingProcedures: 0,
    feeBearingProceduresPayableOnline: 0,
    feeBearingProceduresPaidOnline: 0,
    feeBearingProceduresWithFeeData: 0,
  };
  for (const dossier of facts) {
    for (const c of dossierContributions(dossier, ruleSet)) {
      if (c.day < fromDay || c.day > toDay) continue;
      input.sums[c.metric] = (input.sums[c.metric] ?? 0) + c.count;
      if (c.metric === 'received')
        input.receivedByChannel[dossier.channel] = (input.receivedByChannel[dossier.channel] ?? 0) + 1;
    }
    const state = openDossierStateAt(dossier, end, ruleSet);
    if (state.open) {
      input.openAtEnd.total += 1;
      if (state.nationalOnTime) input.openAtEnd.nationalOnTime += 1;
    }
  }
  return input;
}

describe(`indicator projections after a randomized run of ${DOSSIERS} dossiers (issue 15, acceptance 2)`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let runner: SubscriberRunner;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
    runner = new SubscriberRunner(dataSource, [new IndicatorProjectionSubscriber()], {
      batchSize: 500,
      pollIntervalMs: 50,
      now: () => new Date(),
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it(
    'keeps projections equal to a recomputation from the raw events and from the dossier facts',
    async () => {
      const agencies: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO agency (identifier, name, level, path)
       SELECT '000.00.' || lpad(g::text, 2, '0') || '.H62', 'Cơ quan ' || g, 'district', '/' FROM generate_series(1, 3) g
       RETURNING id`,
      );
      const procedures: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
         online_level, result_type, rule_set_id)
       SELECT '1.00000' || g, 'Thủ tục ' || g, 'Lĩnh vực ' || (g % 2), 'district', 5, 'working-days', 2400,
              '{in-person,online,postal}', 'full-online', 'paper', 'ND118-2025'
       FROM generate_series(1, 4) g RETURNING id`,
      );
      const random = seededRandom(SEED);
      const dossiers: Array<{ id: string; procedure_id: string }> = await dataSource.query(
        `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
         legal_time_minutes, rule_set_id, lookup_secret_hash)
       SELECT 'RND-' || g, ($1::uuid[])[1 + g % 4], ($2::uuid[])[1 + g % 3], 'in-person', 'received', '{"name":"A"}', 'A',
              now(), 2400, 'ND118-2025', 'x'
       FROM generate_series(1, $3::int) AS g RETURNING id, procedure_id`,
        [procedures.map((p) => p.id), agencies.map((a) => a.id), DOSSIERS],
      );
      const plans = planLifecycles(
        random,
        dossiers.map((d) => ({ id: d.id, procedureId: d.procedure_id })),
        agencies.map((a) => a.id),
        new Date('2031-01-06T01:00:00Z'),
      );
      let transactions = 0;
      let rebuilt = false;
      const written = await writeInterleaved(dataSource, random, plans, 40, async (count) => {
        transactions += 1;
        // The subscriber keeps up as events arrive (every few transactions), and a rebuild half-way replays the log.
        if (transactions % 7 === 0) await runner.drain();
        if (!rebuilt && count > DOSSIERS * 3) {
          rebuilt = true;
          await resetIndicatorProjection(dataSource);
        }
      });
      await runner.drain();
      expect(rebuilt).toBe(true);
      expect(written).toBeGreaterThan(DOSSIERS * 4);

      // 1. Projections == recomputation from the raw event log (facts and every daily counter).
      const check = await checkIndicatorProjection(dataSource, ruleSet);
      expect(check.counterDifferences).toEqual([]);
      expect(check.factDifferences).toEqual([]);
      expect(check.levelTotalDifferences).toEqual([]);
      expect(check.monthlyDifferences).toEqual([]);
      expect(check.rollUpDifferences).toEqual([]);
      expect(check).toMatchObject({ ok: true, dossiers: DOSSIERS });
      const recomputed = await recomputeIndicatorProjection(dataSource.manager, ruleSet, null);
      expect(recomputed.facts.size).toBe(DOSSIERS);

      // 2. Indicators served from the projections == indicators from the dossier-facts rows, for several periods and
      //    scopes, one per counter grain: every agency (the per-procedure roll-ups), one agency (the per-agency
      //    roll-ups), one agency and one procedure (the full counters).
      const scopes: IndicatorScope[] = [
        { agencyIds: null },
        { agencyIds: [agencies[0].id] },
        { agencyIds: [agencies[1].id], procedureId: procedures[0].id },
      ];
      for (const [[fromDay, toDay], scope] of [
        ['2031-01-01', '2031-01-31'],
        ['2031-02-01', '2031-02-28'],
        ['2031-01-15', '2031-03-20'],
        ['2030-12-01', '2031-12-31'],
      ].flatMap((days) => scopes.map((scope) => [days, scope] as const))) {
        const period = indicatorPeriod(fromDay, toDay);
        const served = await listPeriodFacts(dataSource.manager, period.start, period.end, scope, {
          offset: 0,
          limit: 1_000_000,
        });
        expect(served.total).toBe(served.items.length);
        const fromProjection = await loadIndicatorInput(dataSource.manager, period, scope);
        const fromFacts = inputFromFacts(served.items, fromDay, toDay, period.end);
        expect(fromFacts.sums).toEqual(fromProjection.sums);
        expect(fromFacts.receivedByChannel).toEqual(fromProjection.receivedByChannel);
        expect(fromFacts.openAtEnd).toEqual(fromProjection.openAtEnd);
        const catalog = { ...fromProjection, sums: fromFacts.sums, receivedByChannel: fromFacts.receivedByChannel };
        expect(computeIndicators({ ...catalog, openAtEnd: fromFacts.openAtEnd }, ruleSet, targets)).toEqual(
          computeIndicators(fromProjection, ruleSet, targets),
        );
        if (scope.agencyIds === null) expect(fromProjection.sums.received ?? 0).toBeGreaterThan(0);
      }
      // The whole period balances: every dossier received is resolved, withdrawn or still open at the end.
      const all = await loadIndicatorInput(
        dataSource.manager,
        indicatorPeriod('2030-12-01', addCalendarDays('2031-12-31', 0)),
        { agencyIds: null },
      );
      const s = all.sums;
      // The online-submission rule drew both sides: some online dossiers count, some lack the electronic result.
      expect(s['received.online-counted'] ?? 0).toBeGreaterThan(0);
      expect(s['received.online-counted'] ?? 0).toBeLessThan(all.receivedByChannel.online ?? 0);
      expect(
        (s['resolved.early'] ?? 0) +
          (s['resolved.on-time'] ?? 0) +
          (s['resolved.late'] ?? 0) +
          (s.withdrawn ?? 0) +
          all.openAtEnd.total,
      ).toBe(DOSSIERS);
      console.log(
        `indicators randomized run: ${DOSSIERS} dossiers, ${written} events, ${check.counterRows} counter rows, ` +
          `seed ${SEED}, projection == recomputation == dossier facts`,
      );
    },
    30 * 60_000,
  );
});
