import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PAYMENT_QUEUE, QueueRegistry } from '@motcua/queues';

/** Id of the repeatable reconciliation job (BullMQ job scheduler). */
export const PAYMENT_RECONCILE_SCHEDULER_ID = 'payment-reconcile';

/**
 * Keeps the repeatable `reconcile.v1` job scheduled (one worker of the fleet per tick); re-created by a watchdog
 * after a Redis loss, since upserting a scheduler is idempotent.
 */
@Injectable()
export class PaymentReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PaymentReconcileScheduler');
  private watchdog: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule().catch((error) => this.logger.warn(`cannot schedule reconciliation: ${error}`));
    this.watchdog = setInterval(
      () => void this.ensureSchedule().catch(() => undefined),
      Math.max(this.config.PAYMENT_RECONCILE_INTERVAL_MS, 5000),
    );
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
  }

  async ensureSchedule(): Promise<void> {
    if (this.stopped) return;
    await this.queues.get(PAYMENT_QUEUE.name).upsertJobScheduler(
      PAYMENT_RECONCILE_SCHEDULER_ID,
      { every: this.config.PAYMENT_RECONCILE_INTERVAL_MS },
      {
        name: 'reconcile.v1',
        data: { reason: 'schedule' },
        opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
      },
    );
  }
}
