import { Inject, Injectable, Logger } from '@nestjs/common';
import { fireDeadlineTimer, FireTimerOutcome } from '@motcua/application';
import { DeadlineTimerRepository, lockDossierRow } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { consumeOutboxJob } from '@motcua/platform';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { DeadlineTimerEffect } from './deadline-timer-effect';

export type TimerJobOutcome = FireTimerOutcome | 'delayed' | 'duplicate';

/**
 * Fast path: a delayed `timer-due.v1` job. Reloads the timer and judges it by the shared clock: a job that
 * arrives early (clocks differ, test clock moved back) goes back to the delayed set for the remaining time; a
 * due one fires through the same idempotent path as the sweeper, in the transaction that consumes its outbox row.
 */
@Injectable()
export class FireTimerUseCase {
  private readonly logger = new Logger('FireTimer');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(DeadlineTimerEffect) private readonly effect: DeadlineTimerEffect,
  ) {}

  async handleJob(job: Job, token: string | undefined): Promise<TimerJobOutcome> {
    const timerId = String((job.data as { timerId?: unknown }).timerId ?? '');
    if (!/^\d+$/.test(timerId)) throw new UnrecoverableError(`timer-due.v1: invalid timerId ${timerId}`);
    const timer = await new DeadlineTimerRepository(this.dataSource.manager).find(timerId);
    if (!timer) throw new UnrecoverableError(`timer-due.v1: timer ${timerId} does not exist`);
    const now = this.clock.now();
    const remaining = timer.dueAt.getTime() - now.getTime();
    if (timer.status === 'pending' && remaining > 0) {
      // Never act early. Delayed jobs count in real milliseconds; the remaining time is by the shared clock.
      try {
        await job.moveToDelayed(Date.now() + remaining, token);
      } catch (error) {
        // The job can vanish or lose its lock meanwhile (the sweeper settled the timer at the same moment and a
        // stalled-job check or a Redis loss took the job; "Missing key/lock for job … moveToDelayed"). The row in
        // Postgres is the truth: a settled timer needs nothing more, and a pending one is the sweeper's to fire
        // when due. Either way there is no job left to move, so tell BullMQ not to touch it again.
        if (!isVanishedJobError(error)) {
          const current = await new DeadlineTimerRepository(this.dataSource.manager).find(timerId);
          if (current?.status === 'pending') throw error;
        }
        this.logger.debug(
          `timer ${timerId}: early job could not go back to wait (${describe(error)}); left to the sweeper`,
        );
      }
      throw new DelayedError();
    }
    let outcome: TimerJobOutcome = 'already-done';
    const consumed = await consumeOutboxJob(
      this.dataSource,
      job,
      now,
      async (manager) => {
        // One dossier lock per firing: taken first (below), then passed down instead of locked again.
        outcome = await fireDeadlineTimer(manager, timerId, now, this.effect.apply, {
          firedBy: 'job',
          refresh: this.effect.refresh,
          lockedDossierId: timer.dossierId,
          outboxConsumed: true,
        });
      },
      {
        // The sweeper settles this same outbox row after locking the dossier: lock the dossier first here too.
        lockFirst: async (manager) => {
          if (timer.dossierId) await lockDossierRow(manager, timer.dossierId);
        },
      },
    );
    return consumed === 'duplicate' ? 'duplicate' : outcome;
  }
}

/** BullMQ's script errors for a job whose key or lock no longer exists (removed, flushed, taken by a stall check). */
export function isVanishedJobError(error: unknown): boolean {
  return error instanceof Error && /^Missing (key|lock) for job /.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
