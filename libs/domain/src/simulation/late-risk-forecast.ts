import { decideNextSteps, StepInstance } from '../process-definition/decide-next-steps';
import { ProcessDefinitionDocument } from '../process-definition/process-definition';
import { deriveSeed, seededRandom } from './random';

/** Step durations (working minutes from start to hand-over) observed per agency × procedure × step. */
export class EmpiricalStepDurations {
  private readonly sorted = new Map<string, Float64Array>();

  constructor(samples: Map<string, number[]>) {
    for (const [key, values] of samples) this.sorted.set(key, Float64Array.from(values).sort());
  }

  static key(agencyCode: string, procedureCode: string, stepId: string): string {
    return `${agencyCode}|${procedureCode}|${stepId}`;
  }

  count(key: string): number {
    return this.sorted.get(key)?.length ?? 0;
  }

  median(key: string): number | null {
    const values = this.sorted.get(key);
    return values && values.length > 0 ? values[values.length >> 1] : null;
  }

  /**
   * Remaining working minutes of a step that has run `elapsed` minutes: a draw among the observed durations longer
   * than `elapsed`, less `elapsed` (a step that has already outlasted every observation gets a quarter of its
   * elapsed time more). Null when the step was never observed.
   */
  sampleRemaining(key: string, elapsed: number, random: () => number): number | null {
    const values = this.sorted.get(key);
    if (!values || values.length === 0) return null;
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[middle] <= elapsed) low = middle + 1;
      else high = middle;
    }
    if (low >= values.length) return Math.max(1, elapsed * 0.25);
    return values[low + Math.floor(random() * (values.length - low))] - elapsed;
  }
}

/** An open dossier as the forecast sees it at `atMs`. */
export interface OpenDossierForecastInput {
  procedureCode: string;
  definition: ProcessDefinitionDocument;
  /** The run so far (completed and open step instances), as the router records it. */
  run: StepInstance[];
  /** Open steps: agency and working minutes they have run so far. */
  openSteps: Array<{ stepId: string; branchKey?: string; agencyCode: string; elapsedWorkingMinutes: number }>;
  /** Agency of a step id not yet started (receiving-desk steps resolve to the dossier's desk). */
  agencyOfStep: (stepId: string) => string;
  /** Working minutes from `atMs` to the appointment (negative when already past it). */
  remainingWorkingMinutes: number;
  /** Supplement requests so far (more than the rule set allows is late whatever happens). */
  supplementRequests: number;
  maxSupplementRequestsForOnTime: number;
}

export interface LateRiskForecast {
  probability: number;
  /** Median working minutes until the result over the samples. */
  medianRemainingWorkingMinutes: number;
  reason: string;
}

const DAY_MINUTES = 480;
const days = (minutes: number) => (minutes / DAY_MINUTES).toFixed(1);

/**
 * Late risk of one open dossier: Monte Carlo over the empirical per-agency-per-step durations through the remaining
 * steps, routed by `decideNextSteps` (approve paths; parallel branches joined at their longest), compared with the
 * working time left before the appointment. The reason names the step with the longest expected remaining time.
 */
export function forecastLateRisk(
  input: OpenDossierForecastInput,
  durations: EmpiricalStepDurations,
  options: { samples?: number; seed?: number } = {},
): LateRiskForecast {
  if (input.supplementRequests > input.maxSupplementRequestsForOnTime) {
    return {
      probability: 1,
      medianRemainingWorkingMinutes: 0,
      reason: 'More than one supplement request: late for the on-time indicator',
    };
  }
  const samples = options.samples ?? 200;
  const random = seededRandom(
    deriveSeed(options.seed ?? 1, input.run.length, Math.round(input.remainingWorkingMinutes)),
  );
  const totals: number[] = [];
  const contribution = new Map<string, { sum: number; agencyCode: string; median: number | null }>();
  let late = 0;
  for (let sample = 0; sample < samples; sample++) {
    const run = input.run.map((instance) => ({ ...instance }));
    const pending: Array<{ stepId: string; branchKey?: string; finish: number }> = [];
    const draw = (stepId: string, agencyCode: string, elapsed: number): number => {
      const key = EmpiricalStepDurations.key(agencyCode, input.procedureCode, stepId);
      const remaining = durations.sampleRemaining(key, elapsed, random) ?? 0;
      const entry = contribution.get(key) ?? { sum: 0, agencyCode, median: durations.median(key) };
      entry.sum += remaining;
      contribution.set(key, entry);
      return remaining;
    };
    for (const step of input.openSteps) {
      pending.push({
        stepId: step.stepId,
        branchKey: step.branchKey,
        finish: draw(step.stepId, step.agencyCode, step.elapsedWorkingMinutes),
      });
    }
    let now = 0;
    let guard = 0;
    while (pending.length > 0 && guard++ < 100) {
      pending.sort((a, b) => a.finish - b.finish);
      const next = pending.shift()!;
      now = next.finish;
      const actions = decideNextSteps(
        input.definition,
        { steps: run },
        {
          type: 'step-completed',
          stepId: next.stepId,
          outcome: 'approve',
          ...(next.branchKey ? { branchKey: next.branchKey } : {}),
        },
      );
      const index = run.findIndex(
        (i) =>
          i.stepId === next.stepId &&
          i.state === 'open' &&
          (next.branchKey === undefined || i.branchKey === next.branchKey),
      );
      if (index >= 0) run[index] = { ...run[index], state: 'completed', outcome: 'approve' };
      let ended = false;
      for (const action of actions) {
        if (action.type === 'finish') ended = true;
        if (action.type !== 'start-step') continue;
        run.push({
          stepId: action.stepId,
          attempt: action.attempt,
          state: 'open',
          ...(action.branchKey ? { branchKey: action.branchKey } : {}),
          ...(action.previousStepId ? { previousStepId: action.previousStepId } : {}),
        });
        if (action.kind === 'delivery') ended = true;
        else
          pending.push({
            stepId: action.stepId,
            branchKey: action.branchKey,
            finish: now + draw(action.stepId, input.agencyOfStep(action.stepId), 0),
          });
      }
      if (ended) break;
    }
    totals.push(now);
    if (now > input.remainingWorkingMinutes) late++;
  }
  totals.sort((a, b) => a - b);
  let worst: [string, { sum: number; agencyCode: string; median: number | null }] | undefined;
  for (const entry of contribution) if (!worst || entry[1].sum > worst[1].sum) worst = entry;
  const left = input.remainingWorkingMinutes;
  const reason = worst
    ? `Step '${worst[0].split('|')[2]}' at ${worst[1].agencyCode} usually takes ${days(worst[1].median ?? 0)} working days; ` +
      (left >= 0
        ? `${days(left)} working days left before the appointment`
        : `${days(-left)} working days past the appointment`)
    : 'No remaining step was observed in the history';
  return { probability: late / samples, medianRemainingWorkingMinutes: totals[totals.length >> 1] ?? 0, reason };
}
