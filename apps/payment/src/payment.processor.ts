import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PAYMENT_QUEUE, PaymentJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { ExpirePaymentRequestUseCase } from './expire-payment-request.use-case';
import { OpenPaymentRequestUseCase } from './open-payment-request.use-case';
import { ReconcilePaymentsUseCase } from './reconcile-payments.use-case';
import { SendRefundUseCase } from './send-refund.use-case';

/** The payment queue: one use case per job name. */
@Processor(PAYMENT_QUEUE.name)
export class PaymentProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(OpenPaymentRequestUseCase) private readonly open: OpenPaymentRequestUseCase,
    @Inject(ExpirePaymentRequestUseCase) private readonly expire: ExpirePaymentRequestUseCase,
    @Inject(ReconcilePaymentsUseCase) private readonly reconcile: ReconcilePaymentsUseCase,
    @Inject(SendRefundUseCase) private readonly refund: SendRefundUseCase,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof PaymentJobs;
    switch (name) {
      case 'canary.v1':
        return { token: (job.data as PaymentJobs['canary.v1']).token, service: 'payment' };
      case 'open-request.v1':
        return this.open.handle(job);
      case 'expire-request.v1':
        return this.expire.handle(job);
      case 'reconcile.v1':
        return this.reconcile.run();
      case 'send-refund.v1':
        return this.refund.handle(job);
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`payment queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
