import { Inject, Injectable, Logger } from '@nestjs/common';
import { computeClockState, effectiveSupplementClock, RUNNING_CLOCK_DOSSIER_STATUSES } from '@motcua/domain';
import {
  CalendarRepository,
  DossierEntity,
  finishCalendarRecompute,
  findCalendarRecompute,
  loadClockEntries,
  lockRecomputeCandidates,
  recordCalendarRecomputeBatch,
  DossierRepository,
} from '@motcua/persistence';
import { appendDossierEvent, ClockService, consumeOutboxJob } from '@motcua/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';

/** Dossiers per transaction: each batch locks, recomputes and moves the cursor in one commit. */
export const RECOMPUTE_BATCH_SIZE = 200;

/**
 * The background half of a calendar edit (docs/DESIGN-NOTES.md "Calendar"). The edit committed its day and this
 * job's `calendar_recompute` row under the exclusive calendar lock, so every intake after it already computes on the
 * new calendar; this job walks, by id and in batches, every running dossier whose appointment is on or after the
 * changed day and recomputes it on the calendar as it is now (a later edit's job finds nothing left to move). Each
 * batch commits with its cursor, so a crash resumes where it stopped; the outbox row is consumed with the last one.
 */
@Injectable()
export class RecomputeAppointmentsUseCase {
  private readonly logger = new Logger('CalendarRecompute');
  /** Dossiers per batch (a setting for tests; RECOMPUTE_BATCH_SIZE otherwise). */
  batchSize = RECOMPUTE_BATCH_SIZE;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async run(job: Job, recomputeId: string): Promise<unknown> {
    const found = await findCalendarRecompute(this.dataSource.manager, recomputeId);
    if (!found) throw new UnrecoverableError(`calendar recompute ${recomputeId} not found`);
    for (;;) {
      const more = await this.dataSource.transaction((manager) => this.batch(manager, recomputeId));
      if (!more) break;
    }
    return consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
      await finishCalendarRecompute(manager, recomputeId, this.clock.now());
    });
  }

  /** One batch; false when there was nothing left after the cursor. */
  private async batch(manager: EntityManager, recomputeId: string): Promise<boolean> {
    const recompute = await findCalendarRecompute(manager, recomputeId, { lock: true });
    if (!recompute || recompute.status === 'done') return false;
    const calendar = await new CalendarRepository(manager).loadCalendar();
    const now = this.clock.now();
    const ids = await lockRecomputeCandidates(
      manager,
      calendar.instantAt(recompute.calendarDate),
      // Their overall clock runs towards the appointment: paused and final dossiers have nothing to move.
      RUNNING_CLOCK_DOSSIER_STATUSES,
      recompute.cursorDossierId,
      this.batchSize,
    );
    if (ids.length === 0) return false;
    const dossiers = await manager
      .getRepository(DossierEntity)
      .createQueryBuilder('dossier')
      .where('dossier.id IN (:...ids)', { ids: ids.map((row) => row.id) })
      .orderBy('dossier.id')
      .getMany();
    let updated = 0;
    for (const dossier of dossiers) {
      const entries = await loadClockEntries(manager, dossier.id);
      if (entries.length === 0 || !dossier.appointmentAt) continue;
      const latest = Math.max(now.getTime(), ...entries.map((entry) => entry.at.getTime()));
      const state = computeClockState(entries, {
        budgetMinutes: dossier.legalTimeMinutes,
        calendar,
        supplementClock: effectiveSupplementClock(dossier.ruleSetId, dossier.supplementClock),
        now: new Date(latest),
      });
      const previous = new Date(dossier.appointmentAt);
      if (!state.deadline || state.deadline.getTime() === previous.getTime()) continue;
      await new DossierRepository(manager).moveAppointment(dossier.id, state.deadline);
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'appointment-recomputed',
        payload: {
          previousAppointmentAt: previous.toISOString(),
          appointmentAt: state.deadline.toISOString(),
          calendarDate: recompute.calendarDate,
          reason: recompute.change,
          calendarRecomputeId: recompute.id,
        },
        actor: recompute.actorUserId ? { userId: recompute.actorUserId, agencyId: recompute.actorAgencyId } : null,
        occurredAt: now,
      });
      updated += 1;
    }
    await recordCalendarRecomputeBatch(manager, recomputeId, {
      lastDossierId: ids[ids.length - 1].id,
      processed: ids.length,
      updated,
    });
    this.logger.log(`${recompute.change}: batch of ${ids.length}, ${updated} appointment(s) moved`);
    return ids.length === this.batchSize;
  }
}
