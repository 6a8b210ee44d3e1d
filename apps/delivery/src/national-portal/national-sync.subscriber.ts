import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import {
  DossierChannel,
  mapNationalStatusPayload,
  nationalStatusCode,
  statusAfterEvent,
  type SubscribedDossierEvent,
} from '@motcua/domain';
import {
  insertNationalSyncMessage,
  loadNationalSyncDossiers,
  lockNationalSyncState,
  saveNationalSyncState,
} from '@motcua/persistence';
import type { DossierEventSubscriber } from '@motcua/platform';
import { NOTIFICATION_QUEUE, outboxJob } from '@motcua/queues';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { writeOutbox } from '@motcua/platform';

/**
 * National-portal sync (issue 14): each change of a dossier's national status code becomes one message (unique per
 * event; events at or before the dossier's last synced sequence are skipped, so a replay adds nothing) and an outbox
 * job that sends the dossier's unsent messages in sequence order (apps/delivery/src/national-portal).
 */
@Injectable()
export class NationalSyncSubscriber implements DossierEventSubscriber {
  // WARNING: persistent identifier (the cursor row), never rename.
  readonly name = 'national-portal-sync';
  readonly startAt = 'beginning' as const;

  constructor(@Inject(MotcuaConfig) private readonly config: MotcuaConfig) {}

  async apply(events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void> {
    if (!this.config.NATIONAL_PORTAL_SYNC_ENABLED) return;
    const changes = events.filter((event) => statusAfterEvent(event) !== null);
    if (changes.length === 0) return;
    const dossiers = await loadNationalSyncDossiers(
      manager,
      changes.map((event) => event.dossierId),
    );
    const jobs = [];
    for (const event of changes) {
      const dossier = dossiers.get(event.dossierId);
      // Sub-dossiers of an inter-agency procedure are internal: the portal follows the applicant's dossier.
      if (!dossier || dossier.isSubDossier) continue;
      const status = statusAfterEvent(event)!;
      const code = nationalStatusCode(status);
      const state = await lockNationalSyncState(manager, dossier.id);
      if (state && event.sequence <= state.lastSequence) continue;
      if (state && state.lastStatusCode === code) {
        await saveNationalSyncState(manager, dossier.id, event.sequence, code);
        continue;
      }
      const id = randomUUID();
      const payload = mapNationalStatusPayload({
        messageId: id,
        dossierCode: dossier.code,
        procedureCode: dossier.procedureCode,
        agencyIdentifier: dossier.agencyIdentifier,
        channel: dossier.channel as DossierChannel,
        status,
        receivedAt: new Date(dossier.receivedAt),
        appointmentAt: dossier.appointmentAt ? new Date(dossier.appointmentAt) : null,
        changedAt: event.occurredAt,
        sequence: event.sequence,
      });
      const inserted = await insertNationalSyncMessage(manager, {
        id,
        dossierId: dossier.id,
        eventId: event.id,
        sequence: event.sequence,
        statusCode: code,
        payload,
        createdAt: event.occurredAt,
      });
      await saveNationalSyncState(manager, dossier.id, event.sequence, code);
      if (inserted) {
        jobs.push(
          outboxJob(
            NOTIFICATION_QUEUE,
            'national-portal.send.v1',
            { dossierId: dossier.id },
            { dedupeKey: `national-sync-${id}` },
          ),
        );
      }
    }
    await writeOutbox(manager, jobs);
  }
}
