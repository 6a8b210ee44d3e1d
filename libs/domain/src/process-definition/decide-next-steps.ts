// File length: one pure decision function with its exhaustive cases (sequential, parallel, join, supplement, sub-dossier) kept together.
import { DomainError } from '../errors/domain-error';
import { processGraphOf, ProcessGraph } from './process-graph';
import {
  AgencyReference,
  END_REFUSED_TARGET,
  END_RESULT_READY_TARGET,
  Handover,
  isParallelStep,
  JOIN_TARGET,
  PREVIOUS_TARGET,
  ProcessDefinitionDocument,
  StepOutcome,
  SubDossierSetting,
  WorkingDuration,
  WorkStepDefinition,
} from './process-definition';

/** One run of one step at one agency (a `step_task` row). */
export interface StepInstance {
  stepId: string;
  /** 1, 2, ... per step id within the dossier; restarts of a step get the next number. */
  attempt: number;
  state: 'open' | 'completed' | 'cancelled';
  outcome?: StepOutcome;
  /** Set for steps inside a parallel branch; see `branchKeyOf`. */
  branchKey?: string;
  /** The step that handed the dossier to this one; `'@previous'` goes back to it. */
  previousStepId?: string;
}

/** What has happened so far in one dossier's run, as recorded *before* the event being routed. */
export interface ProcessRun {
  /** Every step instance, in the order they were started. */
  steps: readonly StepInstance[];
}

export type RoutingEvent =
  | { type: 'dossier-accepted' }
  | { type: 'step-completed'; stepId: string; outcome: StepOutcome; branchKey?: string }
  /** The applicant supplied what `stepId` asked for with outcome 'request-supplement'. */
  | { type: 'supplement-received'; stepId: string; branchKey?: string };

export interface StartStepAction {
  type: 'start-step';
  stepId: string;
  kind: WorkStepDefinition['kind'];
  agency: AgencyReference;
  budget: WorkingDuration;
  handover: Handover;
  /** Job ids: `${dossierId}-${stepId}-${attempt}`. */
  attempt: number;
  branchKey?: string;
  previousStepId?: string;
  /** For connector steps. */
  connector?: { name: string; maxAttempts: number };
  /** For the first step of each branch of a parallel block. */
  parallel?: { stepId: string; leadAgency: AgencyReference };
  /** For task steps that spawn a linked sub-dossier at another agency. */
  subDossier?: SubDossierSetting;
}

export interface FinishAction {
  type: 'finish';
  result: 'result-ready' | 'refused';
}

/** A branch reached '@join' but others have not yet. */
export interface AwaitJoinAction {
  type: 'await-join';
  parallelStepId: string;
  pendingBranchKeys: string[];
}

/** Ask the applicant for documents; route `supplement-received` once they arrive. */
export interface RequestSupplementAction {
  type: 'request-supplement';
  stepId: string;
  attempt: number;
  branchKey?: string;
}

/** An open step that no longer matters (the dossier ended in another branch). */
export interface CancelStepAction {
  type: 'cancel-step';
  stepId: string;
  attempt: number;
  branchKey?: string;
}

export type RoutingAction =
  StartStepAction | FinishAction | AwaitJoinAction | RequestSupplementAction | CancelStepAction;

/** Key of one branch of one run of a parallel block: `${parallelStepId}/${round}/${branchStepId}`. */
export function branchKeyOf(parallelStepId: string, round: number, branchStepId: string): string {
  return `${parallelStepId}/${round}/${branchStepId}`;
}

function roundOf(branchKey: string): number {
  return Number(branchKey.split('/')[1]);
}

function conflict(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, 'conflict', details);
}

/**
 * The pure router: from a (valid) definition, the run so far and one event, the actions to take.
 *
 * - `dossier-accepted` starts the start step (all branch first steps if it is parallel).
 * - `step-completed` follows the step's transition for the outcome: a step id starts that step,
 *   `'@previous'` restarts the step that handed over (a new attempt), `'@join'` ends a branch (the join
 *   step starts when every branch of the same round has joined, otherwise `await-join`), `'@end:*'`
 *   finishes the run and cancels any step still open.
 * - A refusal in any parallel branch (`'@end:refused'`) ends the whole dossier as refused: the result of
 *   an inter-agency procedure needs every agency's part, so one agency's refusal is the dossier's
 *   refusal. The other branches' open steps are cancelled.
 * - `request-supplement` closes the step and returns a `request-supplement` action; on
 *   `supplement-received` the step named by its 'request-supplement' target starts as a new attempt.
 *
 * Deterministic: the same inputs give the same actions in the same order, and attempts are numbered
 * from the run, so callers can derive idempotent job ids. Callers must record the completion and the
 * returned starts together (one transaction) before routing the next event.
 *
 * @throws DomainError kind 'conflict' when the event does not fit the run (step not open, outcome not
 *   allowed, run already started), kind 'precondition' when '@previous' has no previous step.
 */
export function decideNextSteps(
  definition: ProcessDefinitionDocument,
  run: ProcessRun,
  event: RoutingEvent,
): RoutingAction[] {
  const graph = processGraphOf(definition);
  const router = new Router(graph, [...run.steps]);
  switch (event.type) {
    case 'dossier-accepted':
      if (run.steps.length > 0) {
        throw conflict('process-run.already-started', 'The dossier has already been routed to its first step.');
      }
      return router.start(definition.start, undefined, undefined);
    case 'step-completed':
      return router.complete(event.stepId, event.outcome, event.branchKey);
    case 'supplement-received':
      return router.supplementReceived(event.stepId, event.branchKey);
  }
}

class Router {
  constructor(
    private readonly graph: ProcessGraph,
    /** The run with this event's completion applied. */
    private readonly steps: StepInstance[],
  ) {}

  complete(stepId: string, outcome: StepOutcome, branchKey: string | undefined): RoutingAction[] {
    const step = this.workStep(stepId);
    const index = this.latestIndex(stepId, branchKey, (instance) => instance.state === 'open');
    if (index < 0) {
      throw conflict(
        'process-run.step-not-open',
        `Step '${stepId}'${branchKey ? ` in branch '${branchKey}'` : ''} has no open instance to complete.`,
        { stepId, branchKey },
      );
    }
    const target = step.transitions[outcome];
    if (target === undefined) {
      const allowed = Object.keys(step.transitions)
        .map((name) => `'${name}'`)
        .join(', ');
      throw conflict(
        'process-run.outcome-not-allowed',
        `Step '${stepId}' cannot end with outcome '${outcome}'; its allowed outcomes are ${allowed}.`,
        { stepId, outcome },
      );
    }
    const instance: StepInstance = { ...this.steps[index], state: 'completed', outcome };
    this.steps[index] = instance;
    if (outcome === 'request-supplement') {
      return [{ type: 'request-supplement', stepId, attempt: instance.attempt, ...branch(instance.branchKey) }];
    }
    return this.follow(target, instance, outcome);
  }

  supplementReceived(stepId: string, branchKey: string | undefined): RoutingAction[] {
    const step = this.workStep(stepId);
    const index = this.latestIndex(stepId, branchKey, () => true);
    const instance = index < 0 ? undefined : this.steps[index];
    const target = step.transitions['request-supplement'];
    if (!instance || instance.state !== 'completed' || instance.outcome !== 'request-supplement' || !target) {
      throw conflict(
        'process-run.no-supplement-requested',
        `Step '${stepId}'${branchKey ? ` in branch '${branchKey}'` : ''} is not waiting for a supplement.`,
        { stepId, branchKey },
      );
    }
    return this.follow(target, instance, 'request-supplement');
  }

  start(stepId: string, previousStepId: string | undefined, branchKey: string | undefined): RoutingAction[] {
    const step = this.graph.stepsById.get(stepId);
    if (!step) throw conflict('process-run.unknown-step', `Step '${stepId}' is not in the process definition.`);
    if (isParallelStep(step)) {
      const firstBranch = this.graph.branchSteps.get(step.id)?.get(step.branches[0]) ?? [];
      const rounds = new Set(
        this.steps
          .filter((instance) => firstBranch.includes(instance.stepId) && instance.branchKey)
          .map((i) => i.branchKey),
      );
      const round = rounds.size + 1;
      return step.branches.flatMap((branchStepId) =>
        this.startWork(branchStepId, step.id, branchKeyOf(step.id, round, branchStepId), {
          stepId: step.id,
          leadAgency: step.leadAgency,
        }),
      );
    }
    return this.startWork(stepId, previousStepId, branchKey, undefined);
  }

  private startWork(
    stepId: string,
    previousStepId: string | undefined,
    branchKey: string | undefined,
    parallel: StartStepAction['parallel'],
  ): StartStepAction[] {
    const step = this.workStep(stepId);
    const attempt = 1 + Math.max(0, ...this.steps.filter((i) => i.stepId === stepId).map((i) => i.attempt));
    this.steps.push({ stepId, attempt, state: 'open', branchKey, previousStepId });
    const action: StartStepAction = {
      type: 'start-step',
      stepId,
      kind: step.kind,
      agency: step.agency,
      budget: step.budget,
      handover: step.handover ?? this.graph.definition.handover,
      attempt,
      ...branch(branchKey),
      ...(previousStepId !== undefined ? { previousStepId } : {}),
    };
    if (step.kind === 'connector') action.connector = { name: step.connector, maxAttempts: step.maxAttempts };
    if (step.kind === 'task' && step.subDossier) {
      action.subDossier = {
        procedureCode: step.subDossier.procedureCode,
        receivingAgency: { code: step.subDossier.receivingAgency.code },
      };
    }
    if (parallel) action.parallel = parallel;
    return [action];
  }

  private follow(target: string, from: StepInstance, outcome: StepOutcome): RoutingAction[] {
    switch (target) {
      case END_RESULT_READY_TARGET:
        return [...this.cancelOpen(), { type: 'finish', result: 'result-ready' }];
      case END_REFUSED_TARGET:
        return [...this.cancelOpen(), { type: 'finish', result: 'refused' }];
      case JOIN_TARGET:
        return this.join(from);
      case PREVIOUS_TARGET: {
        if (from.previousStepId === undefined) {
          throw new DomainError(
            'process-run.no-previous-step',
            `Step '${from.stepId}' has no previous step to return the dossier to.`,
            'precondition',
          );
        }
        return this.restart(from.previousStepId, from.branchKey);
      }
      default:
        if (target === from.stepId) return this.startWork(target, from.previousStepId, from.branchKey, undefined);
        // going back to a step already run keeps that step's own predecessor
        if (outcome === 'return' && this.latestIndex(target, from.branchKey, () => true) >= 0) {
          return this.restart(target, from.branchKey);
        }
        return this.start(target, from.stepId, from.branchKey);
    }
  }

  /** A new attempt of a step already run, with the same predecessor as its latest run. */
  private restart(stepId: string, branchKey: string | undefined): RoutingAction[] {
    const step = this.graph.stepsById.get(stepId);
    if (step && isParallelStep(step)) return this.start(stepId, undefined, undefined);
    const earlier = this.steps[this.latestIndex(stepId, branchKey, () => true)];
    return this.startWork(stepId, earlier?.previousStepId, branchKey, undefined);
  }

  private join(from: StepInstance): RoutingAction[] {
    const membership = this.graph.branchOf.get(from.stepId);
    if (!membership || !from.branchKey) {
      throw conflict('process-run.not-in-branch', `Step '${from.stepId}' is not inside a parallel branch.`);
    }
    const parallel = this.graph.stepsById.get(membership.parallelStepId);
    if (!parallel || !isParallelStep(parallel)) throw conflict('process-run.unknown-step', 'Unknown parallel step.');
    const round = roundOf(from.branchKey);
    const pending = parallel.branches
      .map((branchStepId) => branchKeyOf(parallel.id, round, branchStepId))
      .filter((key) => !this.steps.some((instance) => instance.branchKey === key && this.joined(instance)));
    if (pending.length > 0) return [{ type: 'await-join', parallelStepId: parallel.id, pendingBranchKeys: pending }];
    return this.start(parallel.join, parallel.id, undefined);
  }

  private joined(instance: StepInstance): boolean {
    if (instance.state !== 'completed' || !instance.outcome) return false;
    const step = this.graph.stepsById.get(instance.stepId);
    return !!step && !isParallelStep(step) && step.transitions[instance.outcome] === JOIN_TARGET;
  }

  private cancelOpen(): CancelStepAction[] {
    return this.steps
      .filter((instance) => instance.state === 'open')
      .map((instance) => ({
        type: 'cancel-step',
        stepId: instance.stepId,
        attempt: instance.attempt,
        ...branch(instance.branchKey),
      }));
  }

  private latestIndex(
    stepId: string,
    branchKey: string | undefined,
    accept: (instance: StepInstance) => boolean,
  ): number {
    for (let index = this.steps.length - 1; index >= 0; index -= 1) {
      const instance = this.steps[index];
      if (instance.stepId !== stepId || !accept(instance)) continue;
      if (branchKey !== undefined && instance.branchKey !== branchKey) continue;
      return index;
    }
    return -1;
  }

  private workStep(stepId: string): WorkStepDefinition {
    const step = this.graph.stepsById.get(stepId);
    if (!step) throw conflict('process-run.unknown-step', `Step '${stepId}' is not in the process definition.`);
    if (isParallelStep(step)) {
      throw conflict(
        'process-run.parallel-step',
        `Parallel step '${stepId}' is routed by the router, not completed by callers.`,
      );
    }
    return step;
  }
}

function branch(branchKey: string | undefined): { branchKey?: string } {
  return branchKey !== undefined ? { branchKey } : {};
}
