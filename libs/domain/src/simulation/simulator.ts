// File length: the event loop and the handling of each routing action are one unit (split further they would share most of their state).
import { WorkingCalendar } from '../calendar/working-calendar';
import { SUPPLEMENT_PAUSE_REASON } from '../deadline/clock-state';
import { PAYMENT_PAUSE_REASON } from '../payment/payment-clock-rule';
import { RoutingEvent, StartStepAction } from '../process-definition/decide-next-steps';
import {
  isParallelStep,
  StepOutcome,
  toWorkingHours,
  WorkStepDefinition,
} from '../process-definition/process-definition';
import { processGraphOf } from '../process-definition/process-graph';
import { QD766_2022 } from '../indicators/indicator-rules';
import type { IndicatorRuleSet } from '../indicators/indicator-rules';
import { Arrivals, deskAgencyIndexes, generateArrivals, SimulationPeriod } from './arrivals';
import { SimulatedDossierRecord } from './dossier-verdict';
import { EventQueue, OfficerPool } from './event-queue';
import type { ProvinceModel, SimulatedProcedure, StepProfile } from './province-model';
import { deriveSeed, hashString, logNormal, Random, ReseedableRandom } from './random';
import { RouteState, RouteTransition, RoutingMemo } from './routing-memo';
import { SimulationTally } from './simulation-tally';
import type { SimulationResult } from './simulation-result';

/** One step as it ran (kept when `recordSteps` is set, for forecasts and backtests). */
export interface StepTrace {
  stepId: string;
  attempt: number;
  branchKey?: string;
  previousStepId?: string;
  /** How the step ended; undefined while open or when cancelled. */
  outcome?: StepOutcome;
  cancelled?: boolean;
  kind: WorkStepDefinition['kind'];
  agencyIndex: number;
  startMs: number;
  /** Hand-over instant; null if still open at the end of the run. */
  endMs: number | null;
  budgetMinutes: number;
  deadlineMs: number;
}

export interface DossierTrace extends SimulatedDossierRecord {
  procedureIndex: number;
  steps: StepTrace[];
}

export interface SimulationProgress {
  arrivalsDone: number;
  arrivalsTotal: number;
  /** Virtual time reached (ms). */
  atMs: number;
}

export interface SimulationOptions {
  period: SimulationPeriod;
  seed: number;
  scenarioName?: string;
  indicatorRuleSet?: IndicatorRuleSet;
  /** Arrivals to replay (e.g. read from an event log); generated from the model and seed when absent. */
  arrivals?: Arrivals;
  /** Keep every dossier's step trace (memory grows with the run; for backtests on smaller runs). */
  recordSteps?: boolean;
  onProgress?: (progress: SimulationProgress) => void;
  /** Progress is reported every this many arrivals (default 50,000). */
  progressEvery?: number;
  /**
   * Share the router's decisions between dossiers in the same run state (default true; `decideNextSteps` is pure,
   * see `RoutingMemo`). False calls the router for every event of every dossier.
   */
  memoizeRouting?: boolean;
}

export interface SimulationRun {
  result: SimulationResult;
  traces: DossierTrace[];
  calendar: WorkingCalendar;
}

interface Dossier extends DossierTrace {
  procedure: SimulatedProcedure;
  deskAgencyIndex: number;
  route: RouteState;
  openTasks: Task[];
  supplementRequests: number;
}

/** A started step; it is also the queue event of its hand-over ('ready') or of the applicant's payment ('paid'). */
interface Task {
  kind: 'ready' | 'paid';
  dossier: Dossier;
  action: StartStepAction;
  trace: StepTrace;
  cancelled: boolean;
}

type SimulationEvent = Task | { kind: 'supplement'; dossier: Dossier; stepId: string; branchKey?: string };

const DAY = 86_400_000;

/**
 * Runs a province through virtual time: every arrival is accepted (clock ledger `start`), routed by the real
 * `decideNextSteps`, each task waits for the earliest free officer of its agency (FIFO, officers work only inside
 * the working calendar's windows), takes its effort and delay in working time, and hands over; supplement requests
 * and payments pause the ledger for the applicant's time. A dossier ends when its delivery step starts (the
 * processing clock stops at result-ready) or when the router finishes it. Verdicts come from the clock ledger
 * (`computeClockState`) and the indicator formulas of the rule set. Deterministic for a seed.
 */
export function simulateProvince(model: ProvinceModel, options: SimulationOptions): SimulationRun {
  const calendar = new WorkingCalendar({ dayOverrides: model.dayOverrides });
  const ruleSet = options.indicatorRuleSet ?? QD766_2022;
  const arrivals = options.arrivals ?? generateArrivals(model, calendar, options.period, options.seed);
  const startMs = calendar.instantAt(options.period.from).getTime();
  const endMs = calendar.instantAt(options.period.to).getTime() + DAY - 1;
  const agencyIndexByCode = new Map(model.agencies.map((agency, index) => [agency.code, index]));
  const desks = deskAgencyIndexes(model);
  const pools = model.agencies.map((agency) => new OfficerPool(agency.officers, startMs));
  const tally = new SimulationTally(model, calendar, ruleSet, options.period);
  const queue = new EventQueue<SimulationEvent>();
  const routing = new RoutingMemo(options.memoizeRouting ?? true);
  const open = new Set<Dossier>();
  const traces: DossierTrace[] = [];
  const progressEvery = options.progressEvery ?? 50_000;
  let events = 0;

  const stepHashes = new Map<string, number>();
  const stepHash = (stepId: string): number => {
    let hash = stepHashes.get(stepId);
    if (hash === undefined) stepHashes.set(stepId, (hash = hashString(stepId)));
    return hash;
  };
  // One generator restarted per (dossier, step, attempt, purpose); each stream is drawn from at once.
  const generator = new ReseedableRandom();
  const stepRandom = (dossier: Dossier, stepId: string, attempt: number, salt: number): Random =>
    generator.reseed(deriveSeed(options.seed, dossier.index, stepHash(stepId), attempt, salt));

  const agencyOf = (dossier: Dossier, action: StartStepAction): number => {
    if ('role' in action.agency) return dossier.deskAgencyIndex;
    const index = agencyIndexByCode.get(action.agency.code);
    if (index === undefined) throw new Error(`Agency ${action.agency.code} is not in the province model`);
    return index;
  };

  const profileOf = (dossier: Dossier, stepId: string): StepProfile =>
    dossier.procedure.stepProfiles[stepId] ?? model.defaultStepProfile;

  const applicantDelayMs = (random: Random, procedure: SimulatedProcedure): number =>
    Math.max(0.05, logNormal(random, procedure.applicantDays.median, procedure.applicantDays.sigma)) * DAY;

  const finish = (dossier: Dossier, at: number, kind: 'result' | 'refused'): void => {
    if (dossier.endedAtMs !== null) return;
    dossier.ledger.push({ type: 'stop', at: new Date(at) });
    dossier.endedAtMs = at;
    dossier.endKind = kind;
    for (const task of dossier.openTasks) {
      task.cancelled = true;
      task.trace.cancelled = true;
    }
    dossier.openTasks = [];
    open.delete(dossier);
    tally.dossierEnded(dossier);
  };

  const startStep = (dossier: Dossier, action: StartStepAction, at: number): void => {
    const agencyIndex = agencyOf(dossier, action);
    const budgetMinutes = toWorkingHours(action.budget) * 60;
    const opening = calendar.nextOpeningMillis(at);
    const trace: StepTrace = {
      stepId: action.stepId,
      attempt: action.attempt,
      branchKey: action.branchKey,
      previousStepId: action.previousStepId,
      kind: action.kind,
      agencyIndex,
      startMs: at,
      endMs: null,
      budgetMinutes,
      deadlineMs: calendar.addWorkingMinutesMillis(opening, budgetMinutes),
    };
    if (options.recordSteps) dossier.steps.push(trace);
    if (action.kind === 'delivery') {
      // The processing clock stops at result-ready, when the result goes to delivery.
      trace.endMs = at;
      finish(dossier, at, 'result');
      return;
    }
    const task: Task = { kind: action.kind === 'payment' ? 'paid' : 'ready', dossier, action, trace, cancelled: false };
    dossier.openTasks.push(task);
    tally.stepStarted(task.trace);
    const random = stepRandom(dossier, action.stepId, action.attempt, 0);
    if (action.kind === 'payment') {
      dossier.ledger.push({ type: 'pause', at: new Date(at), reason: PAYMENT_PAUSE_REASON, party: 'applicant' });
      queue.push(at + applicantDelayMs(random, dossier.procedure), task);
      return;
    }
    const profile = profileOf(dossier, action.stepId);
    const effort = action.kind === 'task' ? logNormal(random, profile.effort.medianMinutes, profile.effort.sigma) : 0;
    const delay = logNormal(random, profile.delay.medianMinutes, profile.delay.sigma);
    let handedOver: number;
    if (effort > 0) {
      const pool = pools[agencyIndex];
      const effortEnd = calendar.addWorkingMinutesMillis(calendar.nextOpeningMillis(pool.startFor(at)), effort);
      pool.bookUntil(effortEnd);
      handedOver = calendar.addWorkingMinutesMillis(effortEnd, delay);
    } else {
      handedOver = calendar.addWorkingMinutesMillis(opening, delay);
    }
    queue.push(handedOver, task);
  };

  /** Applies one routed event: the run (steps opened, completed, cancelled) advances with the routing state. */
  const route = (dossier: Dossier, { actions, state }: RouteTransition, at: number): void => {
    dossier.route = state;
    for (const action of actions) {
      switch (action.type) {
        case 'start-step':
          if (dossier.endedAtMs === null) startStep(dossier, action, at);
          break;
        case 'cancel-step': {
          for (const task of dossier.openTasks) {
            if (task.action.stepId === action.stepId && task.action.attempt === action.attempt) {
              task.cancelled = true;
              task.trace.cancelled = true;
            }
          }
          break;
        }
        case 'request-supplement': {
          dossier.supplementRequests++;
          dossier.ledger.push({ type: 'pause', at: new Date(at), reason: SUPPLEMENT_PAUSE_REASON, party: 'applicant' });
          dossier.supplementWaits.push({ requestedAtMs: at, receivedAtMs: null });
          const random = stepRandom(dossier, action.stepId, action.attempt, 2);
          queue.push(at + applicantDelayMs(random, dossier.procedure), {
            kind: 'supplement',
            dossier,
            stepId: action.stepId,
            ...(action.branchKey !== undefined ? { branchKey: action.branchKey } : {}),
          });
          break;
        }
        case 'finish':
          finish(dossier, at, action.result === 'refused' ? 'refused' : 'result');
          break;
        case 'await-join':
          break;
      }
    }
  };

  const outcomeOf = (task: Task): StepOutcome => {
    const { dossier, action } = task;
    const step = processGraphOf(dossier.procedure.definition).stepsById.get(action.stepId);
    if (!step || isParallelStep(step)) return 'approve';
    const profile = profileOf(dossier, action.stepId);
    const random = stepRandom(dossier, action.stepId, action.attempt, 1);
    const supplementDraw = random();
    const refuseDraw = random();
    const supplementChance = (profile.supplementProbability ?? 0) * (dossier.supplementRequests === 0 ? 1 : 0.25);
    if (step.transitions['request-supplement'] && dossier.supplementRequests < 2 && supplementDraw < supplementChance) {
      return 'request-supplement';
    }
    if (step.transitions.refuse && refuseDraw < (profile.refuseProbability ?? 0)) return 'refuse';
    return step.transitions.approve ? 'approve' : 'forward';
  };

  const handOver = (task: Task, at: number, outcome: StepOutcome): void => {
    const { dossier } = task;
    const taskIndex = dossier.openTasks.indexOf(task);
    if (taskIndex >= 0) dossier.openTasks.splice(taskIndex, 1);
    task.trace.endMs = at;
    task.trace.outcome = outcome;
    tally.stepCompleted(task.trace);
    route(dossier, dossier.route.complete(task.action, outcome), at);
  };

  const handle = (event: SimulationEvent, at: number): void => {
    switch (event.kind) {
      case 'ready':
        if (!event.cancelled) handOver(event, at, outcomeOf(event));
        break;
      case 'paid':
        if (!event.cancelled) {
          event.dossier.ledger.push({ type: 'resume', at: new Date(at) });
          handOver(event, at, 'approve');
        }
        break;
      case 'supplement': {
        const { dossier } = event;
        if (dossier.endedAtMs !== null) break;
        dossier.ledger.push({ type: 'resume', at: new Date(at) });
        dossier.supplementWaits[dossier.supplementWaits.length - 1].receivedAtMs = at;
        const received: RoutingEvent = {
          type: 'supplement-received',
          stepId: event.stepId,
          ...(event.branchKey ? { branchKey: event.branchKey } : {}),
        };
        route(dossier, dossier.route.route(received), at);
        break;
      }
    }
  };

  const arrive = (index: number): void => {
    const procedureIndex = arrivals.procedureIndex[index];
    const procedure = model.procedures[procedureIndex];
    const deskAgencyIndex = desks[arrivals.deskIndex[index]];
    const receivedAtMs = arrivals.receivedAtMs[index];
    const dossier: Dossier = {
      index,
      procedureIndex,
      procedure,
      procedureCode: procedure.procedureCode,
      agencyCode: model.agencies[deskAgencyIndex].code,
      deskAgencyIndex,
      online: arrivals.online[index] === 1,
      receivedAtMs,
      legalTimeMinutes: toWorkingHours(procedure.definition.legalTime) * 60,
      ledger: [{ type: 'start', at: new Date(receivedAtMs) }],
      supplementWaits: [],
      endedAtMs: null,
      endKind: null,
      steps: [],
      route: routing.initial(procedure.definition),
      openTasks: [],
      supplementRequests: 0,
    };
    open.add(dossier);
    if (options.recordSteps) traces.push(dossier);
    tally.dossierReceived(dossier);
    route(dossier, dossier.route.route({ type: 'dossier-accepted' }), receivedAtMs);
  };

  let next = 0;
  for (;;) {
    const arrivalAt = next < arrivals.count ? arrivals.receivedAtMs[next] : Infinity;
    const eventAt = queue.peekTime();
    const at = Math.min(arrivalAt, eventAt);
    if (at > endMs || at === Infinity) break;
    events++;
    if (arrivalAt <= eventAt) {
      arrive(next++);
      if (options.onProgress && next % progressEvery === 0 && next < arrivals.count) {
        options.onProgress({ arrivalsDone: next, arrivalsTotal: arrivals.count, atMs: at });
      }
    } else {
      handle(queue.popItem()!, eventAt);
    }
  }
  options.onProgress?.({ arrivalsDone: next, arrivalsTotal: arrivals.count, atMs: endMs });
  for (const dossier of open) {
    for (const task of dossier.openTasks) tally.stepOpenAtEnd(task.trace, endMs);
    tally.dossierOpenAtEnd(dossier);
  }
  return {
    result: tally.result(options.scenarioName ?? 'baseline', options.seed, events),
    traces,
    calendar,
  };
}
