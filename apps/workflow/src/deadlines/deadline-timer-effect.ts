import { Injectable } from '@nestjs/common';
import { appendDossierEvent, DeadlineTimer, markClockOverdue, rearmIfStale, writeOutbox } from '@motcua/persistence';
import { NOTIFICATION_QUEUE, NotificationRecipientRole, outboxJob } from '@motcua/queues';
import { EntityManager } from 'typeorm';

/** Dossier event types written when a timer fires (persistent identifiers in the event chain). */
export const DEADLINE_WARNING_EVENT = 'deadline-warning';
export const DEADLINE_OVERDUE_EVENT = 'deadline-overdue';

/**
 * What a fired timer does, inside the firing transaction: a dossier event (the audit trail and the count of
 * effects), lateness for 'deadline' thresholds (attributed to the agency whose clock overran) and a
 * notification outbox row to the threshold's recipients.
 */
@Injectable()
export class DeadlineTimerEffect {
  /** Before acting: if the subject's ledger or the calendar moved since arming, re-arm (the timer is then stale). */
  readonly refresh = (manager: EntityManager, timer: DeadlineTimer, now: Date): Promise<boolean> =>
    rearmIfStale(manager, timer, now);

  readonly apply = async (manager: EntityManager, timer: DeadlineTimer, now: Date): Promise<void> => {
    const overdue = timer.thresholdKind === 'deadline';
    let lateAgencyId: string | null = null;
    if (overdue) {
      lateAgencyId = await this.responsibleAgency(manager, timer);
      await markClockOverdue(manager, timer, timer.dueAt, lateAgencyId);
    }
    const details = {
      timerId: timer.id,
      subjectType: timer.subjectType,
      subjectId: timer.subjectId,
      stepTaskId: timer.subjectType === 'step' ? timer.subjectId : null,
      thresholdId: timer.thresholdId,
      thresholdKind: timer.thresholdKind,
      deadlineVersion: timer.deadlineVersion,
      deadlineAt: timer.deadlineAt?.toISOString() ?? null,
      dueAt: timer.dueAt.toISOString(),
      agencyId: timer.agencyId,
      ...(overdue ? { lateAgencyId } : {}),
    };
    if (timer.dossierId) {
      await appendDossierEvent(manager, {
        dossierId: timer.dossierId,
        type: overdue ? DEADLINE_OVERDUE_EVENT : DEADLINE_WARNING_EVENT,
        payload: details,
        actor: null,
        occurredAt: now,
        // Deadline events are not routed (ROUTED_EVENT_TYPES): waking the routing worker per firing only cost a
        // job, a dossier lock and a calendar load each, competing with the firings on the same dossiers.
        notifyWorkflow: false,
      });
    }
    const recipients = timer.recipients.map((role) => ({
      role: role as NotificationRecipientRole,
      agencyId: lateAgencyId ?? timer.agencyId,
    }));
    if (recipients.length > 0) {
      await writeOutbox(manager, [
        outboxJob(
          NOTIFICATION_QUEUE,
          'notify.v1',
          {
            kind: `deadline.${timer.thresholdId}`,
            dossierId: timer.dossierId,
            recipients,
            sourceKey: `timer-${timer.id}`,
            details,
          },
          { dedupeKey: `notify-timer-${timer.id}` },
        ),
      ]);
    }
  };

  /**
   * Lateness belongs to the agency whose step overran (NĐ 61/2018 Art. 19; control slip, form 05): for a step,
   * its own agency; for a dossier, the first step that went overdue, else the step still open at the deadline,
   * else the clock's own agency.
   */
  private async responsibleAgency(manager: EntityManager, timer: DeadlineTimer): Promise<string | null> {
    if (timer.subjectType === 'step' || !timer.dossierId) return timer.agencyId;
    const overran: Array<{ agency_id: string }> = await manager.query(
      `SELECT agency_id FROM deadline_clock
       WHERE dossier_id = $1 AND subject_type = 'step' AND overdue_at IS NOT NULL AND agency_id IS NOT NULL
       ORDER BY overdue_at LIMIT 1`,
      [timer.dossierId],
    );
    if (overran[0]) return overran[0].agency_id;
    const open: Array<{ agency_id: string }> = await manager.query(
      `SELECT agency_id FROM deadline_clock
       WHERE dossier_id = $1 AND subject_type = 'step' AND clock_status IN ('running', 'paused') AND agency_id IS NOT NULL
       ORDER BY deadline_at NULLS LAST LIMIT 1`,
      [timer.dossierId],
    );
    return open[0]?.agency_id ?? timer.agencyId;
  }
}
