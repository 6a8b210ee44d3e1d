import { Injectable } from '@nestjs/common';
import { DeadlineTimer, rearmIfStale } from '@motcua/application';
import { DeadlineClockRepository } from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { writeOutbox } from '@motcua/platform';
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
    let lateStepTaskId: string | null = null;
    if (overdue) {
      ({ agencyId: lateAgencyId, stepTaskId: lateStepTaskId } = await this.responsibleStep(manager, timer));
      await new DeadlineClockRepository(manager).markOverdue(timer, timer.dueAt, lateAgencyId);
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
      ...(overdue ? { lateAgencyId, lateStepTaskId } : {}),
    };
    if (timer.dossierId) {
      await appendDossierEvent(
        manager,
        {
          dossierId: timer.dossierId,
          type: overdue ? DEADLINE_OVERDUE_EVENT : DEADLINE_WARNING_EVENT,
          payload: details,
          actor: null,
          occurredAt: now,
        },
        // Runs under the dossier lock fireDeadlineTimer (or its caller) took first (TimerEffect's contract).
        { dossierLocked: true },
      );
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
   * Lateness belongs to the agency whose step overran (NĐ 61/2018 Art. 19; control slip, form 05): for a step, its own
   * agency; for a dossier, the *first* step that overran — the earliest step deadline passed before the dossier's
   * deadline by a step that then ended late or is still open (or whose overdue fired), judged from the step facts so
   * a step handed over late before its overdue timer ran still counts — not the agency holding the dossier at the
   * appointment. Without any overrun: the step still open at the deadline, else the clock's own agency.
   */
  private async responsibleStep(
    manager: EntityManager,
    timer: DeadlineTimer,
  ): Promise<{ agencyId: string | null; stepTaskId: string | null }> {
    if (timer.subjectType === 'step' || !timer.dossierId) {
      return { agencyId: timer.agencyId, stepTaskId: timer.subjectType === 'step' ? timer.subjectId : null };
    }
    const overran: Array<{ id: string; agency_id: string }> = await manager.query(
      `SELECT t.id, t.agency_id FROM step_task t
       LEFT JOIN deadline_clock c ON c.subject_type = 'step' AND c.subject_id = t.id
       CROSS JOIN LATERAL (SELECT CASE WHEN c.subject_id IS NULL THEN t.deadline_at WHEN c.clock_status = 'paused' THEN NULL
                                       ELSE coalesce(c.deadline_at, t.deadline_at) END AS deadline_at) s
       WHERE t.dossier_id = $1 AND t.status <> 'cancelled'
         AND (c.overdue_at IS NOT NULL
              OR (s.deadline_at <= $2 AND (t.completed_at > s.deadline_at OR t.status IN ('open', 'claimed'))))
       ORDER BY coalesce(c.overdue_at, s.deadline_at), t.run_order LIMIT 1`,
      [timer.dossierId, timer.dueAt],
    );
    if (overran[0]) return { agencyId: overran[0].agency_id, stepTaskId: overran[0].id };
    const open: Array<{ subject_id: string; agency_id: string }> = await manager.query(
      `SELECT subject_id, agency_id FROM deadline_clock
       WHERE dossier_id = $1 AND subject_type = 'step' AND clock_status IN ('running', 'paused') AND agency_id IS NOT NULL
       ORDER BY deadline_at NULLS LAST LIMIT 1`,
      [timer.dossierId],
    );
    return open[0]
      ? { agencyId: open[0].agency_id, stepTaskId: open[0].subject_id }
      : { agencyId: timer.agencyId, stepTaskId: null };
  }
}
