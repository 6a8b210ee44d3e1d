import { Inject, Injectable } from '@nestjs/common';
import { fireDeadlineTimer, findDeadlineTimer, FireTimerOutcome } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { consumeOutboxJob } from '@motcua/queues';
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
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(DeadlineTimerEffect) private readonly effect: DeadlineTimerEffect,
  ) {}

  async handleJob(job: Job, token: string | undefined): Promise<TimerJobOutcome> {
    const timerId = String((job.data as { timerId?: unknown }).timerId ?? '');
    if (!/^\d+$/.test(timerId)) throw new UnrecoverableError(`timer-due.v1: invalid timerId ${timerId}`);
    const timer = await findDeadlineTimer(this.dataSource.manager, timerId);
    if (!timer) throw new UnrecoverableError(`timer-due.v1: timer ${timerId} does not exist`);
    const now = this.clock.now();
    const remaining = timer.dueAt.getTime() - now.getTime();
    if (timer.status === 'pending' && remaining > 0) {
      // Never act early. Delayed jobs count in real milliseconds; the remaining time is by the shared clock.
      await job.moveToDelayed(Date.now() + remaining, token);
      throw new DelayedError();
    }
    let outcome: TimerJobOutcome = 'already-done';
    const consumed = await consumeOutboxJob(this.dataSource, job, now, async (manager) => {
      outcome = await fireDeadlineTimer(manager, timerId, now, this.effect.apply, { firedBy: 'job', refresh: this.effect.refresh });
    });
    return consumed === 'duplicate' ? 'duplicate' : outcome;
  }
}
