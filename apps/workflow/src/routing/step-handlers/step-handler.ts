import { StartStepAction, StepOutcome } from '@motcua/domain';
import { StepTaskEntity } from '@motcua/persistence';
import { RoutingContext, StoredEvent } from '../routing-context';

/**
 * What a step of a kind means for the clocks. `agency-time`: the step gets its own budget clock, started with the
 * step and armed with deadline timers in the same transaction (every kind so far). `none`: no step clock.
 */
export type StepClockEffect = 'agency-time' | 'none';

/** A step run the router has just opened (row inserted, clock started), handed to its kind's handler. */
export interface StartedStepRun {
  task: StepTaskEntity;
  agency: { id: string; identifier: string };
  action: StartStepAction;
  /** The routed event that started it (its instant is the step's start). */
  cause: StoredEvent;
}

/**
 * One kind of step (task, connector, payment, delivery, sub-dossier...). The router opens and closes step runs
 * (step_task row, step clock, 'step-started' / 'step-cancelled' events) and calls the handler for what only this
 * kind does. Every method runs in the routing transaction, under the dossier row lock. A new kind = one handler
 * file + one line in `step-handler.registry.ts`.
 */
export interface StepHandler {
  /** Registry key: the process definition's step `kind` (or a derived key, see `stepHandlerKey`). */
  readonly kind: string;
  readonly clockEffect: StepClockEffect;
  /** Dossier effects of starting the step, before its 'step-started' event (e.g. payment → awaiting payment). */
  beforeStarted?(context: RoutingContext, run: StartedStepRun): Promise<void>;
  /** Hands the started step to whoever does it (agency queue, linked sub-dossier, payment gateway...). */
  start(context: RoutingContext, run: StartedStepRun): Promise<void>;
  /** A run of this kind completed with `outcome`: effects before the next steps are routed (e.g. fee paid). */
  complete?(context: RoutingContext, task: StepTaskEntity, outcome: StepOutcome, cause: StoredEvent): Promise<void>;
  /**
   * A pending run of this kind is cancelled (the dossier ended, a parallel branch was cut), after the router
   * marked it cancelled and stopped its clock: settle what `start` created outside the step row (a linked
   * sub-dossier, a pending payment request...). Must be idempotent.
   */
  cancel(context: RoutingContext, task: StepTaskEntity, cause: StoredEvent, reason: string): Promise<void>;
}

/** The registry key of a step: its kind, except a task step that spawns a linked sub-dossier. */
export function stepHandlerKey(step: { kind: string; subDossier?: unknown }): string {
  return step.kind === 'task' && step.subDossier ? 'sub-dossier' : step.kind;
}
