import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { fireDeadlineTimer, FireTimerOutcome, reconcileDeadlineClocks, recordTimerFailure } from '@motcua/application';
import { DeadlineTimerRepository } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DEADLINE_QUEUE } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { DeadlineTimerEffect } from './deadline-timer-effect';

/** Id of the repeatable sweep job (BullMQ job scheduler). */
export const DEADLINE_SWEEP_SCHEDULER_ID = 'deadline-sweep';

export interface SweepResult {
  fired: number;
  other: number;
  failed: number;
}

/**
 * The Postgres backstop of the deadline timers: fires every pending timer whose due_at has passed by the shared
 * clock, in batches claimed with FOR UPDATE SKIP LOCKED, through the same idempotent path as the delayed jobs.
 * Runs as a BullMQ repeatable job (one worker of the fleet per tick), right after the test clock moves (Redis
 * clock-changed message), and from an in-process watchdog that also re-creates the repeatable job after a
 * Redis loss. So neither Redis loss nor a worker's clock can lose or advance a timer.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweeper');
  private running: Promise<SweepResult> | undefined;
  private rerun = false;
  private watchdog: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(DeadlineTimerEffect) private readonly effect: DeadlineTimerEffect,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule().catch((error) => this.logger.warn(`cannot schedule the sweep: ${describe(error)}`));
    this.watchdog = setInterval(() => {
      void this.ensureSchedule().catch(() => undefined);
    }, this.config.DEADLINE_SWEEP_INTERVAL_MS);
    this.watchdog.unref();
    // The test clock jumps: sweep at once (on the refreshed clock) instead of waiting for the next tick.
    this.stopListening = this.clock.onChange(() => {
      void this.sweep().catch((error) => this.logger.warn(`sweep after clock change failed: ${describe(error)}`));
    });
  }

  /** Before the queue workers drain: a running sweep stops between subjects and batches instead of finishing. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.stopListening?.();
    await this.running?.catch(() => undefined);
  }

  /** Creates (or refreshes) the repeatable sweep job; idempotent, so it also repairs a flushed Redis. */
  async ensureSchedule(): Promise<void> {
    if (this.stopped) return;
    await this.queues.get(DEADLINE_QUEUE.name).upsertJobScheduler(
      DEADLINE_SWEEP_SCHEDULER_ID,
      { every: this.config.DEADLINE_SWEEP_INTERVAL_MS },
      {
        name: 'sweep.v1',
        data: { reason: 'schedule' },
        opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
      },
    );
  }

  /** Fires every due pending timer; concurrent calls in one process coalesce into one more pass. */
  sweep(): Promise<SweepResult> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.sweepUntilDone().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepUntilDone(): Promise<SweepResult> {
    const total: SweepResult = { fired: 0, other: 0, failed: 0 };
    do {
      this.rerun = false;
      // First follow the ledgers and the calendar (re-arm moved deadlines), then fire what is due.
      try {
        const reconciled = await reconcileDeadlineClocks(this.dataSource, this.clock.now(), () => this.stopped);
        if (reconciled.rearmed > 0) this.logger.log(`re-armed ${reconciled.rearmed} moved deadline(s)`);
      } catch (error) {
        this.logger.error(`reconcile failed: ${describe(error)}`);
      }
      const lanes = Array.from({ length: this.config.DEADLINE_SWEEP_CONCURRENCY }, (_, lane) => this.lane(total, lane));
      await Promise.all(lanes);
    } while (this.rerun && !this.stopped);
    if (total.fired > 0 || total.failed > 0)
      this.logger.log(`sweep: fired ${total.fired}, other ${total.other}, failed ${total.failed}`);
    return total;
  }

  /** One lane: claims batches until none is left (or a batch made no progress). */
  private async lane(total: SweepResult, lane: number): Promise<void> {
    const batchSize = this.config.DEADLINE_SWEEP_BATCH_SIZE;
    // Timers this lane tried and failed in this sweep: not claimed again before the next sweep, even when the sweep
    // outlasts their backoff (a slow machine would otherwise retry them in a loop instead of moving on).
    const failed: string[] = [];
    for (;;) {
      if (this.stopped) return;
      const batch = await this.sweepBatch(batchSize, { lane, lanes: this.config.DEADLINE_SWEEP_CONCURRENCY }, failed);
      total.fired += batch.fired;
      total.other += batch.other;
      total.failed += batch.failed;
      const claimed = batch.fired + batch.other + batch.failed;
      // Failed timers now back off on their rows, so a full batch of failures still moves on to the next ones.
      if (claimed < batchSize) return;
    }
  }

  /** One transaction: pick this lane's due timers and fire each under a savepoint, so one failure sinks only itself. */
  async sweepBatch(
    batchSize: number,
    partition = { lane: 0, lanes: 1 },
    failedIds: string[] = [],
  ): Promise<SweepResult> {
    const now = this.clock.now();
    const result: SweepResult = { fired: 0, other: 0, failed: 0 };
    await this.dataSource.transaction(async (manager) => {
      const ids = await new DeadlineTimerRepository(manager).dueTimers(now, batchSize, partition, failedIds);
      for (const id of ids) {
        await manager.query('SAVEPOINT deadline_timer_fire');
        try {
          const outcome: FireTimerOutcome = await fireDeadlineTimer(manager, id, now, this.effect.apply, {
            firedBy: 'sweeper',
            refresh: this.effect.refresh,
          });
          await manager.query('RELEASE SAVEPOINT deadline_timer_fire');
          if (outcome === 'fired') result.fired++;
          else result.other++;
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT deadline_timer_fire');
          // Back off on the row, so the next batches claim the timers behind it instead of this one again.
          await recordTimerFailure(manager, id, describe(error));
          failedIds.push(id);
          result.failed++;
          this.logger.error(`timer ${id} failed to fire: ${describe(error)}`);
        }
      }
    });
    return result;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
