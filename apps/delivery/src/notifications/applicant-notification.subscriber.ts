import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import {
  APPLICANT_NOTIFICATION_EVENT_TYPES,
  renderApplicantNotification,
  type SubscribedDossierEvent,
} from '@motcua/domain';
import { apiBaseUrl } from '@motcua/integrations';
import {
  ApplicantChannelName,
  insertApplicantNotification,
  loadApplicantNotificationTargets,
} from '@motcua/persistence';
import type { DossierEventSubscriber } from '@motcua/platform';
import { NOTIFICATION_QUEUE, outboxJob } from '@motcua/queues';
import type { EntityManager } from 'typeorm';
import { writeOutbox } from '@motcua/platform';

/** Path of the citizen status page in the web app (apps/web/src/citizen). */
export const STATUS_PAGE_PATH = '/app/tra-cuu';

/**
 * Applicant notifications (issue 14): turns the dossier events an applicant must hear about into one recorded
 * notice per (dossier, event, channel) — the unique key makes a replayed event a no-op — and an outbox job that sends
 * it. Sending happens outside this transaction (the notification queue), so a mail server that is down delays mail,
 * never the cursor.
 */
@Injectable()
export class ApplicantNotificationSubscriber implements DossierEventSubscriber {
  // WARNING: persistent identifier (the cursor row), never rename.
  readonly name = 'applicant-notifications';
  readonly eventTypes = APPLICANT_NOTIFICATION_EVENT_TYPES;
  // An installation that adds notifications does not mail applicants about its whole past.
  readonly startAt = 'end' as const;

  constructor(@Inject(MotcuaConfig) private readonly config: MotcuaConfig) {}

  async apply(events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void> {
    const targets = await loadApplicantNotificationTargets(
      manager,
      events.map((event) => event.dossierId),
    );
    for (const event of events) {
      const target = targets.get(event.dossierId);
      if (!target) continue; // a sub-dossier of an inter-agency procedure: the applicant hears about the parent
      const content = renderApplicantNotification(event, {
        dossierCode: target.code,
        applicantName: target.applicantName,
        procedureName: target.procedureName,
        deskName: `Bộ phận Một cửa — ${target.agencyName}`,
        statusPageUrl: `${apiBaseUrl(this.config)}${STATUS_PAGE_PATH}?code=${encodeURIComponent(target.code)}`,
      });
      if (!content) continue;
      const channels: Array<[ApplicantChannelName, string | null, string]> = [
        ['email', target.email, content.text],
        ['sms', target.phone, content.sms],
      ];
      const jobs = [];
      for (const [channel, recipient, body] of channels) {
        if (!recipient) continue;
        const recorded = await insertApplicantNotification(manager, {
          dossierId: event.dossierId,
          eventId: event.id,
          eventType: event.type,
          kind: content.kind,
          channel,
          recipient,
          subject: content.subject,
          body,
          createdAt: event.occurredAt,
        });
        if (recorded?.status === 'pending') {
          jobs.push(
            outboxJob(
              NOTIFICATION_QUEUE,
              'applicant-notification.send.v1',
              { notificationId: recorded.id },
              { dedupeKey: `applicant-notification-${recorded.id}` },
            ),
          );
        }
      }
      await writeOutbox(manager, jobs);
    }
  }
}
