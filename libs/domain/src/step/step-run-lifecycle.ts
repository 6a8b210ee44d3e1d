import { DomainError } from '../errors/domain-error';

/** What the lifecycle rules read of a step run (a `step_task` row). */
export interface StepRunFacts {
  stepId: string;
  status: 'open' | 'claimed' | 'completed' | 'cancelled' | 'dead-letter' | string;
  version: number;
  assignedUserId: string | null;
}

function conflict(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('step-task.conflict', message, 'conflict', details);
}

/** Pending = still someone's work: open (in the agency's inbox) or claimed (an officer's). */
export function isPendingStepRun(run: Pick<StepRunFacts, 'status'>): boolean {
  return run.status === 'open' || run.status === 'claimed';
}

/**
 * Whether a person (or the system: `actorUserId` null) may complete the run now, and against which version
 * (optimistic lock: the version the caller saw, else the current one). 409 when it is no longer pending, changed
 * since the caller saw it, or assigned to another officer (leads may override).
 */
export function checkStepCompletable(
  run: StepRunFacts,
  input: { expectedVersion?: number; actorUserId?: string | null; mayOverrideAssignee?: boolean },
): number {
  if (!isPendingStepRun(run)) {
    throw conflict(`Step '${run.stepId}' is ${run.status}; it can no longer be completed`, { status: run.status });
  }
  const expectedVersion = input.expectedVersion ?? run.version;
  if (run.version !== expectedVersion) {
    throw conflict(
      `Step '${run.stepId}' was changed by someone else (version ${run.version}, expected ${expectedVersion})`,
    );
  }
  if (
    run.assignedUserId &&
    input.actorUserId &&
    run.assignedUserId !== input.actorUserId &&
    !input.mayOverrideAssignee
  ) {
    throw conflict(`Step '${run.stepId}' is assigned to another officer`);
  }
  return expectedVersion;
}

/**
 * Claiming: an open run is claimed; claiming one's own claimed run again changes nothing ('already-mine', so a
 * double click is not an error); anything else is a 409.
 */
export function claimDecision(run: StepRunFacts, userId: string): 'claim' | 'already-mine' {
  if (run.status === 'claimed' && run.assignedUserId === userId) return 'already-mine';
  if (run.status !== 'open') throw conflict(`Step '${run.stepId}' is ${run.status}; it cannot be claimed`);
  return 'claim';
}

/** Assigning (or reassigning) is possible while the run is pending; 409 otherwise. */
export function checkStepAssignable(run: StepRunFacts): void {
  if (!isPendingStepRun(run)) throw conflict(`Step '${run.stepId}' is ${run.status}; it cannot be assigned`);
}
