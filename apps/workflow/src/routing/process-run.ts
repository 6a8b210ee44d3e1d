import { ProcessRun, RoutingEvent, StepInstance, StepOutcome } from '@motcua/domain';
import { StepTaskEntity } from '@motcua/persistence';
import { StoredEvent } from './routing-context';

// Pure reads of the recorded run for `decideNextSteps` (unit-tested in process-run.spec.ts).

/** The pure router's view of a stored event (null: nothing to route, e.g. a supplement at intake). */
export function routingEventOf(event: StoredEvent, tasks: StepTaskEntity[]): RoutingEvent | null {
  const branchKey =
    typeof event.payload.branchKey === 'string' && event.payload.branchKey !== '' ? event.payload.branchKey : undefined;
  switch (event.type) {
    case 'intake-accepted':
    case 'routing-unblocked': // the procedure got its first published definition after the dossier was accepted
      return tasks.length === 0 ? { type: 'dossier-accepted' } : null;
    case 'step-completed':
      return {
        type: 'step-completed',
        stepId: String(taskOfEvent(event, tasks)?.stepId ?? event.payload.stepId),
        outcome: event.payload.outcome as StepOutcome,
        ...(branchKey ? { branchKey } : {}),
      };
    case 'supplement-received':
      // A supplement at intake (no step) is the desk's business, not routing.
      return typeof event.payload.stepId === 'string'
        ? { type: 'supplement-received', stepId: event.payload.stepId, ...(branchKey ? { branchKey } : {}) }
        : null;
    default:
      return null;
  }
}

/** The step run an event names (`stepTaskId` in its payload). */
export function taskOfEvent(event: StoredEvent, tasks: StepTaskEntity[]): StepTaskEntity | undefined {
  const id = event.payload.stepTaskId;
  return typeof id === 'string' ? tasks.find((task) => task.id === id) : undefined;
}

/** The run as recorded before `event`: completions that come later in the dossier's history count as open. */
export function runBefore(tasks: StepTaskEntity[], event: StoredEvent, routingEvent: RoutingEvent): ProcessRun {
  const completedHere = routingEvent.type === 'step-completed' ? taskOfEvent(event, tasks)?.id : undefined;
  const steps = tasks
    .filter((task) => task.startedEventSequence < event.sequence)
    .map((task): StepInstance => {
      const completedBefore =
        task.status === 'completed' && task.id !== completedHere && (task.completedEventSequence ?? 0) < event.sequence;
      const state: StepInstance['state'] =
        task.status === 'cancelled' ? 'cancelled' : completedBefore ? 'completed' : 'open';
      return {
        stepId: task.stepId,
        attempt: task.attempt,
        state,
        ...(state === 'completed' && task.outcome ? { outcome: task.outcome } : {}),
        ...(task.branchKey ? { branchKey: task.branchKey } : {}),
        ...(task.previousStepId ? { previousStepId: task.previousStepId } : {}),
      };
    });
  return { steps };
}
