import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DELIVERY_QUEUE } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';

/** Id of the repeatable orphan sweep (BullMQ job scheduler). */
export const STORAGE_SWEEP_SCHEDULER_ID = 'storage-orphan-sweep';

/**
 * Keeps the repeatable `sweep-orphans.v1` job scheduled every STORAGE_ORPHAN_SWEEP_INTERVAL_MS (one delivery worker
 * of the fleet per tick); a watchdog re-creates it after a Redis loss (upserting a scheduler is idempotent).
 */
@Injectable()
export class StorageSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StorageSweepScheduler');
  private watchdog: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule().catch((error) => this.logger.warn(`cannot schedule the orphan sweep: ${error}`));
    this.watchdog = setInterval(
      () => void this.ensureSchedule().catch(() => undefined),
      Math.max(this.config.STORAGE_ORPHAN_SWEEP_INTERVAL_MS, 5000),
    );
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
  }

  async ensureSchedule(): Promise<void> {
    if (this.stopped) return;
    await this.queues.get(DELIVERY_QUEUE.name).upsertJobScheduler(
      STORAGE_SWEEP_SCHEDULER_ID,
      { every: this.config.STORAGE_ORPHAN_SWEEP_INTERVAL_MS },
      {
        name: 'sweep-orphans.v1',
        data: { reason: 'schedule' },
        opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
      },
    );
  }
}
