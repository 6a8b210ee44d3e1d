import { ASSIGNABLE_ROLES, assigneeProblem, checkStepAssignable, DomainError } from '@motcua/domain';
import {
  StepTaskEntity,
  stepTaskConflict,
  stepTaskNotFound,
  StepTaskRepository,
  UserRepository,
} from '@motcua/persistence';
import { EntityManager } from 'typeorm';

/**
 * Assigns (or reassigns) a pending step of the agency to an officer of the same agency. Unknown user → 404;
 * inactive, other agency or wrong role → 400 (the rule: `assigneeProblem` in libs/domain). Both name `userId`.
 */
export async function assignStepTask(
  manager: EntityManager,
  input: { stepTaskId: string; agencyId: string; assigneeUserId: string; expectedVersion?: number; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const task = await tasks.findForAgency(input.stepTaskId, input.agencyId);
  if (!task) throw stepTaskNotFound(input.stepTaskId);
  checkStepAssignable(task);
  const candidate = await new UserRepository(manager).findAssigneeFacts(input.assigneeUserId);
  if (!candidate) {
    throw new DomainError('step-task.unknown-assignee', `userId: no user ${input.assigneeUserId}`, 'not-found', {
      field: 'userId',
    });
  }
  const problem = assigneeProblem(candidate, task.agencyId);
  if (problem) {
    throw new DomainError(
      'step-task.invalid-assignee',
      `userId: user ${input.assigneeUserId} ${problem}; a step can only be assigned to an active ${ASSIGNABLE_ROLES.join(' or ')} of its agency`,
      'invalid',
      { field: 'userId' },
    );
  }
  const updated = await tasks.updateIf(task.id, ['open', 'claimed'], input.expectedVersion ?? task.version, {
    status: 'claimed',
    assigned_user_id: input.assigneeUserId,
    claimed_at: task.claimedAt ?? input.now,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was changed by someone else`);
  return updated;
}
