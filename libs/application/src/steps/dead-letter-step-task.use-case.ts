import { StepTaskEntity, StepTaskRepository } from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { EntityManager } from 'typeorm';

/** A connector step that failed its last attempt: dead letter, visible to supervisors. No-op if not open. */
export async function markStepDeadLettered(
  manager: EntityManager,
  input: { stepTaskId: string; error: string; now: Date },
): Promise<StepTaskEntity | null> {
  const tasks = new StepTaskRepository(manager);
  const found = await tasks.findById(input.stepTaskId);
  if (!found) return null;
  await tasks.lockDossier(found.dossierId);
  const task = (await tasks.findById(found.id)) as StepTaskEntity;
  if (task.status !== 'open') return null;
  const updated = await tasks.updateIf(task.id, ['open'], task.version, {
    status: 'dead-letter',
    dead_lettered_at: input.now,
    last_error: input.error.slice(0, 2000),
  });
  if (!updated) return null;
  await appendDossierEvent(manager, {
    dossierId: task.dossierId,
    type: 'step-dead-lettered',
    payload: {
      stepTaskId: task.id,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey: task.branchKey,
      connector: task.connector,
      connectorAttempts: updated.connectorAttempts,
      error: input.error.slice(0, 500),
    },
    actor: null,
    occurredAt: input.now,
  });
  return updated;
}
