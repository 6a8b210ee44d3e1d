import { randomUUID } from 'node:crypto';
import { arrivalsFromHistory, createSampleProvinceModel, simulateProvince } from '@motcua/domain';
import { createDataSource, indicatorPeriod, listPeriodFacts } from '@motcua/persistence';
import { ClockService, SubscriberRunner } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { IndicatorScopeResolver } from '../../apps/api/src/indicators/indicator-scope';
import { IndicatorsUseCase } from '../../apps/api/src/indicators/indicators.use-case';
import { IndicatorProjectionSubscriber } from '../../apps/workflow/src/indicators/indicator-projection.subscriber';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { writeSimulatedHistory } from './support/simulated-history';

/*
 * Issue 18 acceptance 1: replaying an unchanged period from the recorded history reproduces the indicator values of
 * GET /indicators (its use case, over the projections folded from the event log) within ±1 percentage point.
 * The history is a simulated province month written as the engine's dossier events; the replay reads who came when
 * (procedure, desk, channel) back from the projection and simulates the period again with the same model and seed.
 */
const PERIOD = { from: '2026-03-02', to: '2026-03-27' };
const SEED = 18;

describe('simulator replay of recorded history (issue 18, acceptance 1)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reproduces the on-time and online indicators of the indicator API within 1 percentage point', async () => {
    const model = createSampleProvinceModel({ dossiersPerWorkingDay: 8 });
    const history = simulateProvince(model, { period: PERIOD, seed: SEED, recordSteps: true });
    const written = await writeSimulatedHistory(dataSource, model, history.traces, history.calendar);
    await new SubscriberRunner(dataSource, [new IndicatorProjectionSubscriber()], {
      batchSize: 500,
      pollIntervalMs: 50,
      now: () => new Date(),
    }).drain();

    // The real clock: the simulated March 2026 is over, so the whole period is judged at its end.
    const realClock = { now: () => new Date() } as unknown as ClockService;
    const indicators = new IndicatorsUseCase(
      dataSource,
      new IndicatorScopeResolver(dataSource, realClock),
      testConfig(),
    );
    const admin = { userId: randomUUID(), username: 'admin', roles: ['admin' as const], agencyId: '', agencyPath: '/' };
    const served = await indicators.compute(admin, { from: PERIOD.from, to: PERIOD.to });

    const period = indicatorPeriod(PERIOD.from, PERIOD.to);
    const facts = await listPeriodFacts(
      dataSource.manager,
      period.start,
      period.end,
      { agencyIds: null },
      {
        offset: 0,
        limit: 100_000,
      },
    );
    const agencies: Array<{ id: string; identifier: string }> = await dataSource.query(
      `SELECT id, identifier FROM agency`,
    );
    const codeOf = new Map(agencies.map((row) => [row.id, row.identifier]));
    const { arrivals, skipped } = arrivalsFromHistory(
      model,
      facts.items.map((fact) => ({
        receivedAtMs: Date.parse(fact.receivedAt),
        procedureCode: fact.procedureCode,
        agencyCode: codeOf.get(fact.agencyId) ?? '',
        online: fact.channel === 'online',
      })),
    );
    const replay = simulateProvince(model, { period: PERIOD, seed: SEED, arrivals }).result;

    expect(skipped).toBe(0);
    expect(arrivals.count).toBe(history.traces.length);
    expect(arrivals.count).toBeGreaterThan(120);
    expect(written).toBeGreaterThan(arrivals.count * 1.5);
    const value = (list: Array<{ id: string; value: number | null }>, id: string) =>
      list.find((indicator) => indicator.id === id)!.value!;
    for (const id of ['onTime', 'online']) {
      const api = value(served.indicators, id);
      const simulated = value(replay.indicators, id);
      expect(Math.abs(simulated - api)).toBeLessThanOrEqual(0.01);
    }
    // The history has late dossiers, so the agreement is not two rates of 100 %.
    expect(value(served.indicators, 'onTime')).toBeLessThan(0.99);
    process.stdout.write(
      `replay: ${arrivals.count} dossiers, ${written} events; onTime api ${value(served.indicators, 'onTime')} ` +
        `simulated ${value(replay.indicators, 'onTime')}; online api ${value(served.indicators, 'online')} ` +
        `simulated ${value(replay.indicators, 'online')}\n`,
    );
  });
});
