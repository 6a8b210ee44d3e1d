import {
  DossierEventActor,
  StepTaskEntity,
  stepTaskConflict,
  stepTaskNotFound,
  StepTaskRepository,
} from '@motcua/persistence';
import { appendDossierEvent, writeOutbox } from '@motcua/platform';
import { stepJob } from '@motcua/queues';
import { EntityManager } from 'typeorm';

/**
 * Manual retry of a dead-lettered connector step (supervisor): back to open with a fresh attempt budget, an
 * event, and a new dispatch to the agency queue (its own outbox dedupe key, so it is written once).
 */
export async function retryDeadLetteredStep(
  manager: EntityManager,
  input: { stepTaskId: string; agencyPathPrefix: string; actor: DossierEventActor; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const found = await tasks.findDeadLetterInScope(input.stepTaskId, input.agencyPathPrefix);
  if (!found) throw stepTaskNotFound(input.stepTaskId);
  await tasks.lockDossier(found.dossierId);
  const task = (await tasks.findById(found.id)) as StepTaskEntity;
  if (task.status !== 'dead-letter')
    throw stepTaskConflict(`Step '${task.stepId}' is ${task.status}, not dead-lettered`);
  const dispatch = task.manualRetries + 1;
  const updated = await tasks.updateIf(task.id, ['dead-letter'], task.version, {
    status: 'open',
    connector_attempts: 0,
    manual_retries: dispatch,
    dead_lettered_at: null,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was changed by someone else`);
  const [agency] = await manager.query(`SELECT identifier FROM agency WHERE id = $1`, [task.agencyId]);
  await appendDossierEvent(manager, {
    dossierId: task.dossierId,
    type: 'step-retry-requested',
    payload: { stepTaskId: task.id, stepId: task.stepId, attempt: task.attempt, branchKey: task.branchKey, dispatch },
    actor: input.actor,
    occurredAt: input.now,
  });
  await writeOutbox(manager, [stepJob(agency.identifier, task.id, task, dispatch)]);
  return updated;
}
