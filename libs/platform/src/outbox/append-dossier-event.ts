import { isRoutedEventType } from '@motcua/domain';
import {
  AppendDossierEventInput,
  AppendDossierEventOptions,
  AppendedDossierEvent,
  insertDossierEvent,
} from '@motcua/persistence';
import { outboxJob, WORKFLOW_QUEUE } from '@motcua/queues';
import { EntityManager } from 'typeorm';
import { writeOutbox } from './outbox-writer';

/**
 * Appends one event to a dossier's hash chain and, for the event types the router acts on (`ROUTED_EVENT_TYPES`),
 * the `dossier-event.v1` outbox row that wakes the workflow service — both in the caller's transaction. Other
 * types wake nobody: routing reads every event after its cursor on the next job, so it still sees them in order.
 */
export async function appendDossierEvent(
  manager: EntityManager,
  input: AppendDossierEventInput,
  options: AppendDossierEventOptions = {},
): Promise<AppendedDossierEvent> {
  const event = await insertDossierEvent(manager, input, options);
  if (isRoutedEventType(input.type)) {
    await writeOutbox(manager, [
      outboxJob(WORKFLOW_QUEUE, 'dossier-event.v1', {
        dossierId: input.dossierId,
        eventId: event.id,
        eventType: input.type,
      }),
    ]);
  }
  return event;
}
