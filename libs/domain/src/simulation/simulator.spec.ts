import { weekdayOf } from '../calendar/working-calendar';
import { QD766_2022 } from '../indicators/indicator-rules';
import { nationalOnTimeAt, openDossierStateAt } from '../indicators/indicator-contributions';
import { judgeSimulatedDossier, simulatedDossierFacts } from './dossier-verdict';
import { EventQueue, OfficerPool } from './event-queue';
import { ProvinceModel } from './province-model';
import { seededRandom } from './random';
import { createSampleProvinceModel } from './sample-province';
import { runScenario } from './scenario-run';
import { simulateProvince } from './simulator';

const PERIOD = { from: '2026-03-02', to: '2026-04-24' };
const AGENCY = 'H62.TP';
const MAKE_UP_SATURDAY = '2026-03-14';

/** 150 dossiers a working day; the civil-status agency well staffed (12 officers, about half busy). */
function province(officers = 12, dossiersPerWorkingDay = 150): ProvinceModel {
  const model = createSampleProvinceModel({ dossiersPerWorkingDay });
  return {
    ...model,
    agencies: model.agencies.map((agency) => (agency.code === AGENCY ? { ...agency, officers } : agency)),
  };
}

const lateOf = (agencies: Array<{ agencyCode: string; lateCount: number }>) =>
  agencies.find((agency) => agency.agencyCode === AGENCY)!.lateCount;

describe('province simulator (issue 18)', () => {
  it('halving one agency’s officers raises its predicted late count (acceptance 2)', () => {
    const comparison = runScenario(
      province(),
      { name: 'halve', officers: { [AGENCY]: 6 } },
      { period: PERIOD, seed: 7 },
    );
    const baselineLate = lateOf(comparison.baseline.agencies);
    const scenarioLate = lateOf(comparison.scenario.agencies);
    expect(comparison.baseline.totals.received).toBeGreaterThan(5_000);
    expect(baselineLate).toBeGreaterThan(0);
    expect(scenarioLate).toBeGreaterThan(baselineLate * 2);
    expect(comparison.onTimeRate.difference).toBeLessThan(0);
    // The same arrivals are replayed: only the staffing changed.
    expect(comparison.scenario.totals.received).toBe(comparison.baseline.totals.received);
    expect(comparison.scenario.totals.receivedOnline).toBe(comparison.baseline.totals.receivedOnline);
  });

  it('adding a make-up working Saturday lowers the short-staffed agency’s late count (acceptance 2)', () => {
    expect(weekdayOf(MAKE_UP_SATURDAY)).toBe(6);
    const comparison = runScenario(
      province(6),
      { name: 'make-up day', addDayOverrides: [{ date: MAKE_UP_SATURDAY, kind: 'working', name: 'Làm bù' }] },
      { period: PERIOD, seed: 7 },
    );
    const agency = comparison.agencies.find((row) => row.agencyCode === AGENCY)!;
    expect(agency.lateCount.scenario!).toBeLessThan(agency.lateCount.baseline!);
    expect(agency.backlogAtEnd.scenario!).toBeLessThan(agency.backlogAtEnd.baseline!);
    expect(comparison.scenario.totals.received).toBe(comparison.baseline.totals.received);
  });

  it('gives identical results for the same seed and different ones for another seed (acceptance 2)', () => {
    const model = province(4, 40);
    const options = { period: { from: '2026-03-02', to: '2026-03-20' }, seed: 11 };
    const first = simulateProvince(model, options).result;
    const second = simulateProvince(model, options).result;
    const other = simulateProvince(model, { ...options, seed: 12 }).result;
    expect(second).toEqual(first);
    expect(other.totals.received).not.toBe(first.totals.received);
  });

  it('routes the same with the shared routing memo as with a decideNextSteps call per event', () => {
    const model = province(4, 40);
    const options = { period: { from: '2026-03-02', to: '2026-03-13' }, seed: 9, recordSteps: true };
    const memoized = simulateProvince(model, options);
    const direct = simulateProvince(model, { ...options, memoizeRouting: false });
    expect(memoized.result).toEqual(direct.result);
    expect(memoized.traces.length).toBeGreaterThan(300);
    const stepsOf = (run: typeof direct) =>
      run.traces.map((trace) => trace.steps.map((step) => [step.stepId, step.attempt, step.outcome, step.endMs]));
    expect(stepsOf(memoized)).toEqual(stepsOf(direct));
    // Parallel blocks, supplements and refusals all went through the router.
    const outcomes = new Set(memoized.traces.flatMap((trace) => trace.steps.map((step) => step.outcome)));
    expect(outcomes).toEqual(new Set(['approve', 'request-supplement', 'refuse', undefined]));
    expect(memoized.traces.some((trace) => trace.steps.some((step) => step.branchKey !== undefined))).toBe(true);
  });

  it('reports the on-time and online indicators with the QĐ 766 formulas, per agency and procedure', () => {
    const { result } = simulateProvince(province(4, 40), { period: { from: '2026-03-02', to: '2026-03-20' }, seed: 3 });
    const onTime = result.indicators.find((indicator) => indicator.id === 'onTime')!;
    const online = result.indicators.find((indicator) => indicator.id === 'online')!;
    expect(onTime.formula).toBe(QD766_2022.formulas.onTime.name);
    expect(onTime.numerator).toBe(result.totals.finishedOnTime + result.totals.openOnTimeAtEnd);
    expect(onTime.denominator).toBe(result.totals.finished + result.totals.openAtEnd);
    expect(online.numerator).toBe(result.totals.receivedOnline);
    expect(result.procedures.reduce((sum, row) => sum + row.received, 0)).toBe(result.totals.received);
    // Every procedure, including the parallel one routed through its join, finishes dossiers.
    for (const procedure of result.procedures) expect(procedure.finished).toBeGreaterThan(0);
    for (const agency of result.agencies) expect(agency.stepsCompleted).toBeGreaterThan(0);
  });

  it('judges dossiers exactly as the indicator projection folds them (nationalOnTimeAt, openDossierStateAt)', () => {
    const model = province(4, 40);
    const run = simulateProvince(model, {
      period: { from: '2026-03-02', to: '2026-03-27' },
      seed: 5,
      recordSteps: true,
    });
    const periodEnd = new Date(run.calendar.instantAt('2026-03-27').getTime() + 86_400_000 - 1);
    let withSupplement = 0;
    for (const trace of run.traces) {
      const verdict = judgeSimulatedDossier(trace, run.calendar, model.supplementClock, QD766_2022, periodEnd);
      const ended = trace.endedAtMs !== null;
      const facts = simulatedDossierFacts(
        trace,
        run.calendar,
        model.supplementClock,
        ended ? new Date(trace.endedAtMs!) : periodEnd,
      );
      const expected = ended
        ? nationalOnTimeAt(facts, new Date(trace.endedAtMs!), QD766_2022)
        : openDossierStateAt({ ...facts, endedAt: null, endKind: null }, periodEnd, QD766_2022).nationalOnTime;
      expect(verdict.nationalOnTime).toBe(expected);
      if (trace.supplementWaits.length > 0) withSupplement++;
    }
    expect(withSupplement).toBeGreaterThan(10);
  });
});

describe('simulator building blocks', () => {
  it('draws the same numbers for the same seed', () => {
    const a = seededRandom(99);
    const b = seededRandom(99);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('pops events in time order, ties in insertion order', () => {
    const queue = new EventQueue<string>();
    [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [2, 'b'],
    ].forEach(([time, item]) => queue.push(time as number, item as string));
    const order: string[] = [];
    while (queue.size > 0) order.push(queue.pop()!.item);
    expect(order).toEqual(['a', 'b', 'c1', 'c2', 'e']);
  });

  it('keeps time order and insertion order for ties over many items (heap growth)', () => {
    const queue = new EventQueue<number>();
    const random = seededRandom(5);
    const pushed: Array<[number, number]> = [];
    for (let i = 0; i < 5_000; i++) {
      const time = Math.floor(random() * 50);
      queue.push(time, i);
      pushed.push([time, i]);
    }
    const expected = [...pushed].sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, item]) => item);
    const order: number[] = [];
    while (queue.size > 0) order.push(queue.popItem()!);
    expect(order).toEqual(expected);
    expect(queue.popItem()).toBeUndefined();
  });

  it('gives the earliest free officer the next task', () => {
    const pool = new OfficerPool(2, 100);
    expect(pool.startFor(50)).toBe(100);
    pool.bookUntil(300);
    expect(pool.startFor(150)).toBe(150);
    pool.bookUntil(200);
    expect(pool.startFor(0)).toBe(200);
    pool.bookUntil(400);
    expect(pool.startFor(0)).toBe(300);
  });
});
