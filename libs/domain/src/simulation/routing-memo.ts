import {
  decideNextSteps,
  RoutingAction,
  RoutingEvent,
  StartStepAction,
  StepInstance,
} from '../process-definition/decide-next-steps';
import type { StepOutcome } from '../process-definition/process-definition';
import type { ProcessDefinitionDocument } from '../process-definition/process-definition';

/** What routing one event did: the router's actions and the run state it led to. */
export interface RouteTransition {
  actions: readonly RoutingAction[];
  state: RouteState;
}

/** Distinct run states kept per memo before it stops remembering new ones (routing stays correct, only slower). */
const DEFAULT_MAX_STATES = 200_000;

/**
 * `decideNextSteps` is a pure function of (definition, run, event), and a simulated run changes only through the
 * events routed into it, so every dossier of a procedure that saw the same events is in the same run state. The memo
 * keeps one `RouteState` per distinct state (a tree keyed by the events) and calls the real router once per state and
 * event; the million dossiers of a province-year then share a few hundred states instead of each copying its run
 * on every event. `enabled: false` calls the router for every event (a spec keeps both ways equal).
 */
export class RoutingMemo {
  private states = 0;
  private readonly roots = new Map<ProcessDefinitionDocument, RouteState>();

  constructor(
    readonly enabled = true,
    private readonly maxStates = DEFAULT_MAX_STATES,
  ) {}

  /** The state of a run that has not started yet. */
  initial(definition: ProcessDefinitionDocument): RouteState {
    let root = this.roots.get(definition);
    if (!root) this.roots.set(definition, (root = new RouteState(this, definition, [])));
    return root;
  }

  /** Distinct run states remembered so far. */
  get size(): number {
    return this.states;
  }

  /** @internal */
  remember(): boolean {
    if (!this.enabled || this.states >= this.maxStates) return false;
    this.states++;
    return true;
  }
}

/** One run of one definition as the router sees it (immutable; shared by every dossier in this state). */
export class RouteState {
  private readonly transitions = new Map<string, RouteTransition>();
  /** Completions keyed by the step's start action (no key string built on the hot path). */
  private readonly completions = new Map<StartStepAction, Partial<Record<StepOutcome, RouteTransition>>>();

  constructor(
    private readonly memo: RoutingMemo,
    readonly definition: ProcessDefinitionDocument,
    readonly steps: readonly StepInstance[],
  ) {}

  /** Routes the event with the real `decideNextSteps` (once per state and event when the memo is enabled). */
  route(event: RoutingEvent): RouteTransition {
    const key = eventKey(event);
    const known = this.transitions.get(key);
    if (known) return known;
    const transition = this.decide(event);
    if (this.memo.remember()) this.transitions.set(key, transition);
    return transition;
  }

  /** Routes `step-completed` for the step that `action` started (its step id and branch) with `outcome`. */
  complete(action: StartStepAction, outcome: StepOutcome): RouteTransition {
    const byOutcome = this.completions.get(action);
    const known = byOutcome?.[outcome];
    if (known) return known;
    const transition = this.decide({
      type: 'step-completed',
      stepId: action.stepId,
      outcome,
      branchKey: action.branchKey,
    });
    if (this.memo.remember()) {
      if (byOutcome) byOutcome[outcome] = transition;
      else this.completions.set(action, { [outcome]: transition });
    }
    return transition;
  }

  private decide(event: RoutingEvent): RouteTransition {
    const actions = decideNextSteps(this.definition, { steps: this.steps }, event);
    return { actions, state: new RouteState(this.memo, this.definition, applyRouting(this.steps, event, actions)) };
  }
}

function eventKey(event: RoutingEvent): string {
  switch (event.type) {
    case 'dossier-accepted':
      return 'accepted';
    case 'step-completed':
      return `completed\u0000${event.stepId}\u0000${event.outcome}\u0000${event.branchKey ?? ''}`;
    case 'supplement-received':
      return `supplement\u0000${event.stepId}\u0000${event.branchKey ?? ''}`;
  }
}

/**
 * The run after the event and its actions, as the engine records it: the completed step closed with its outcome,
 * started steps appended as open, cancelled steps marked cancelled.
 */
export function applyRouting(
  steps: readonly StepInstance[],
  event: RoutingEvent,
  actions: readonly RoutingAction[],
): StepInstance[] {
  const run = [...steps];
  if (event.type === 'step-completed') {
    for (let i = run.length - 1; i >= 0; i--) {
      const instance = run[i];
      if (instance.stepId !== event.stepId || instance.state !== 'open') continue;
      if (event.branchKey !== undefined && instance.branchKey !== event.branchKey) continue;
      run[i] = { ...instance, state: 'completed', outcome: event.outcome };
      break;
    }
  }
  for (const action of actions) {
    if (action.type === 'start-step') {
      run.push({
        stepId: action.stepId,
        attempt: action.attempt,
        state: 'open',
        branchKey: action.branchKey,
        previousStepId: action.previousStepId,
      });
    } else if (action.type === 'cancel-step') {
      const index = run.findIndex(
        (i) => i.stepId === action.stepId && i.attempt === action.attempt && i.state === 'open',
      );
      if (index >= 0) run[index] = { ...run[index], state: 'cancelled' };
    }
  }
  return run;
}
