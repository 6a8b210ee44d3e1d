import { claimDecision } from '@motcua/domain';
import { StepTaskEntity, stepTaskConflict, stepTaskNotFound, StepTaskRepository } from '@motcua/persistence';
import { EntityManager } from 'typeorm';

/** Claims an open step for the acting officer. */
export async function claimStepTask(
  manager: EntityManager,
  input: { stepTaskId: string; agencyId: string; userId: string; expectedVersion?: number; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const task = await tasks.findForAgency(input.stepTaskId, input.agencyId);
  if (!task) throw stepTaskNotFound(input.stepTaskId);
  if (claimDecision(task, input.userId) === 'already-mine') return task;
  const updated = await tasks.updateIf(task.id, ['open'], input.expectedVersion ?? task.version, {
    status: 'claimed',
    assigned_user_id: input.userId,
    claimed_at: input.now,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was claimed or changed by someone else`);
  return updated;
}
