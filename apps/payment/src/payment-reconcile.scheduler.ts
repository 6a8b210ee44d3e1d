import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { ClockService, QueueRegistry } from '@motcua/platform';
import { PAYMENT_QUEUE } from '@motcua/queues';
import { ReconcilePaymentsUseCase } from './reconcile-payments.use-case';

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
  private stopListening: (() => void) | undefined;
  private running: Promise<unknown> | undefined;
  private rerun = false;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(ReconcilePaymentsUseCase) private readonly reconcile: ReconcilePaymentsUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule().catch((error) => this.logger.warn(`cannot schedule reconciliation: ${error}`));
    this.watchdog = setInterval(
      () => void this.ensureSchedule().catch(() => undefined),
      Math.max(this.config.PAYMENT_RECONCILE_INTERVAL_MS, 5000),
    );
    this.watchdog.unref();
    // The test clock jumps: expire what became due at once (a delayed job waits in real time).
    this.stopListening = this.clock.onChange(() => this.runNow());
  }

  /** One pass at a time; a change during a pass runs one more pass after it. */
  private runNow(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.reconcile
      .run()
      .catch((error) => this.logger.warn(`reconciliation after clock change failed: ${error}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.runNow();
        }
      });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.stopListening?.();
    await this.running;
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
