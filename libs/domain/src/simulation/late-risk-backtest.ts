import { WorkingCalendar } from '../calendar/working-calendar';
import { computeClockState } from '../deadline/clock-state';
import { QD766_2022 } from '../indicators/indicator-rules';
import type { StepInstance } from '../process-definition/decide-next-steps';
import { isParallelStep } from '../process-definition/process-definition';
import { judgeSimulatedDossier } from './dossier-verdict';
import { EmpiricalStepDurations, forecastLateRisk, OpenDossierForecastInput } from './late-risk-forecast';
import type { ProvinceModel } from './province-model';
import type { DossierTrace, SimulationRun } from './simulator';

export interface BacktestOptions {
  /** Local date of the snapshot; the forecast is made at 10:00 that day, knowing only the history before it. */
  snapshotDate: string;
  /** Days of history before the snapshot the empirical distributions are taken from (default 60). */
  historyDays?: number;
  samples?: number;
  seed?: number;
  /** Naive baseline: late when the dossier clock has used this share of its budget (default 0.8). */
  naiveThreshold?: number;
}

export interface ReliabilityRow {
  bin: string;
  dossiers: number;
  meanForecast: number | null;
  observedLateRate: number | null;
}

export interface BacktestReport {
  snapshotAt: string;
  dossiersForecast: number;
  /** Open at the snapshot but left out: waiting for the applicant's supplement, or between steps. */
  dossiersSkipped: number;
  observedLateRate: number;
  brierForecast: number;
  brierNaive: number;
  /** Brier score of always forecasting the observed late rate (no skill). */
  brierClimatology: number;
  reliability: ReliabilityRow[];
  naiveReliability: ReliabilityRow[];
  examples: Array<{ dossier: number; probability: number; late: boolean; reason: string }>;
}

const DAY = 86_400_000;

function reliability(pairs: Array<[number, boolean]>, bins: number): ReliabilityRow[] {
  const rows = Array.from({ length: bins }, (_, bin) => ({ sum: 0, late: 0, count: 0, bin }));
  for (const [probability, late] of pairs) {
    const row = rows[Math.min(bins - 1, Math.floor(probability * bins))];
    row.count++;
    row.sum += probability;
    if (late) row.late++;
  }
  return rows.map((row) => ({
    bin: `${(row.bin / bins).toFixed(1)}–${((row.bin + 1) / bins).toFixed(1)}`,
    dossiers: row.count,
    meanForecast: row.count > 0 ? row.sum / row.count : null,
    observedLateRate: row.count > 0 ? row.late / row.count : null,
  }));
}

/**
 * Backtest of the late-risk forecast on a simulated history (run with `recordSteps`): at the snapshot, learn the
 * per-agency-per-step durations from steps completed in the preceding `historyDays`, forecast every dossier open at
 * the snapshot, and score against how it actually ended (QĐ 766 on-time verdict at its end, or at the run's end).
 * The naive baseline forecasts late (1) when the dossier clock has used ≥ 80 % of its budget, else on time (0).
 */
export function backtestLateRisk(model: ProvinceModel, run: SimulationRun, options: BacktestOptions): BacktestReport {
  const { calendar } = run;
  const at = calendar.instantAt(options.snapshotDate, '10:00');
  const atMs = at.getTime();
  const historyFrom = atMs - (options.historyDays ?? 60) * DAY;
  const periodEnd = new Date(run.calendar.instantAt(run.result.period.to).getTime() + DAY - 1);
  const agencyCode = (index: number) => model.agencies[index].code;

  const samples = new Map<string, number[]>();
  for (const trace of run.traces) {
    for (const step of trace.steps) {
      if (step.kind === 'delivery' || step.endMs === null || step.endMs > atMs || step.startMs < historyFrom) continue;
      const key = EmpiricalStepDurations.key(agencyCode(step.agencyIndex), trace.procedureCode, step.stepId);
      const list = samples.get(key) ?? [];
      list.push(calendar.workingMinutesBetween(new Date(step.startMs), new Date(step.endMs)));
      samples.set(key, list);
    }
  }
  const durations = new EmpiricalStepDurations(samples);
  const threshold = options.naiveThreshold ?? 0.8;
  const forecastPairs: Array<[number, boolean]> = [];
  const naivePairs: Array<[number, boolean]> = [];
  const examples: BacktestReport['examples'] = [];
  let skipped = 0;

  for (const trace of run.traces) {
    if (trace.receivedAtMs > atMs || (trace.endedAtMs !== null && trace.endedAtMs <= atMs)) continue;
    const waits = trace.supplementWaits.filter((wait) => wait.requestedAtMs <= atMs);
    const open = trace.steps.filter(
      (step) =>
        step.startMs <= atMs &&
        (step.endMs === null || step.endMs > atMs) &&
        !step.cancelled &&
        step.kind !== 'delivery',
    );
    if (waits.some((wait) => wait.receivedAtMs === null || wait.receivedAtMs > atMs) || open.length === 0) {
      skipped++;
      continue;
    }
    const forecast = forecastLateRisk(forecastInput(model, trace, calendar, at, open), durations, {
      samples: options.samples ?? 200,
      seed: (options.seed ?? 1) + trace.index,
    });
    const state = computeClockState(trace.ledger, {
      budgetMinutes: trace.legalTimeMinutes,
      calendar,
      supplementClock: model.supplementClock,
      now: at,
    });
    const naive = state.elapsedWorkingMinutes >= threshold * trace.legalTimeMinutes ? 1 : 0;
    const late = !judgeSimulatedDossier(trace, calendar, model.supplementClock, QD766_2022, periodEnd).nationalOnTime;
    forecastPairs.push([forecast.probability, late]);
    naivePairs.push([naive, late]);
    if (examples.length < 5 && forecast.probability >= 0.5) {
      examples.push({ dossier: trace.index, probability: forecast.probability, late, reason: forecast.reason });
    }
  }

  const brier = (pairs: Array<[number, boolean]>) =>
    pairs.reduce((sum, [p, late]) => sum + (p - (late ? 1 : 0)) ** 2, 0) / Math.max(1, pairs.length);
  const observed = forecastPairs.filter(([, late]) => late).length / Math.max(1, forecastPairs.length);
  return {
    snapshotAt: at.toISOString(),
    dossiersForecast: forecastPairs.length,
    dossiersSkipped: skipped,
    observedLateRate: observed,
    brierForecast: brier(forecastPairs),
    brierNaive: brier(naivePairs),
    brierClimatology: brier(forecastPairs.map(([, late]) => [observed, late])),
    reliability: reliability(forecastPairs, 10),
    naiveReliability: reliability(naivePairs, 2),
    examples,
  };
}

function forecastInput(
  model: ProvinceModel,
  trace: DossierTrace,
  calendar: WorkingCalendar,
  at: Date,
  open: DossierTrace['steps'],
): OpenDossierForecastInput {
  const atMs = at.getTime();
  const definition = model.procedures[trace.procedureIndex].definition;
  const run: StepInstance[] = trace.steps
    .filter((step) => step.startMs <= atMs)
    .map((step) => {
      const done = step.endMs !== null && step.endMs <= atMs;
      return {
        stepId: step.stepId,
        attempt: step.attempt,
        state: done ? 'completed' : step.cancelled ? 'cancelled' : 'open',
        ...(done && step.outcome ? { outcome: step.outcome } : {}),
        ...(step.branchKey !== undefined ? { branchKey: step.branchKey } : {}),
        ...(step.previousStepId !== undefined ? { previousStepId: step.previousStepId } : {}),
      };
    });
  const stepsById = new Map(definition.steps.map((step) => [step.id, step]));
  const agencyOfStep = (stepId: string): string => {
    const step = stepsById.get(stepId);
    if (!step || isParallelStep(step) || 'role' in step.agency) return trace.agencyCode;
    return step.agency.code;
  };
  const state = computeClockState(trace.ledger, {
    budgetMinutes: trace.legalTimeMinutes,
    calendar,
    supplementClock: model.supplementClock,
    now: at,
  });
  // QĐ 766: completed supplement waits are subtracted, i.e. the appointment moves by their clock time.
  const waits = trace.supplementWaits.filter((wait) => wait.receivedAtMs !== null && wait.receivedAtMs <= atMs);
  const shift = waits.reduce((sum, wait) => sum + (wait.receivedAtMs! - wait.requestedAtMs), 0);
  const appointmentMs = (state.originalDeadline?.getTime() ?? atMs) + shift;
  const remainingWorkingMinutes =
    appointmentMs >= atMs
      ? calendar.workingMinutesBetween(at, new Date(appointmentMs))
      : -calendar.workingMinutesBetween(new Date(appointmentMs), at);
  return {
    procedureCode: trace.procedureCode,
    definition,
    run,
    openSteps: open.map((step) => ({
      stepId: step.stepId,
      ...(step.branchKey !== undefined ? { branchKey: step.branchKey } : {}),
      agencyCode: model.agencies[step.agencyIndex].code,
      elapsedWorkingMinutes: calendar.workingMinutesBetween(new Date(step.startMs), at),
    })),
    agencyOfStep,
    remainingWorkingMinutes,
    supplementRequests: trace.supplementWaits.filter((wait) => wait.requestedAtMs <= atMs).length,
    maxSupplementRequestsForOnTime: QD766_2022.maxSupplementRequestsForOnTime,
  };
}
