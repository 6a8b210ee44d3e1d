import { Inject, Injectable } from '@nestjs/common';
import { ClockService, consumeOutboxJob } from '@motcua/platform';
import { PaymentRepository } from '@motcua/persistence';
import { PaymentJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SettleFromGatewayUseCase } from './settle-from-gateway.use-case';

/**
 * `expire-request.v1`, delayed to the request's expiry: a request still pending then is first checked at the
 * gateway (a payment whose IPN never arrived is settled instead), otherwise expired. Re-checks the shared clock:
 * never expires early (a delayed job may run before the test clock says it is due: it retries later).
 */
@Injectable()
export class ExpirePaymentRequestUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(SettleFromGatewayUseCase) private readonly settle: SettleFromGatewayUseCase,
  ) {}

  async handle(job: Job): Promise<unknown> {
    const data = job.data as Partial<PaymentJobs['expire-request.v1']>;
    if (typeof data?.paymentRequestId !== 'string') throw new UnrecoverableError('expire-request.v1 without id');
    const request = await new PaymentRepository(this.dataSource.manager).findById(data.paymentRequestId);
    if (!request) throw new UnrecoverableError(`payment request ${data.paymentRequestId} does not exist`);
    let outcome = 'not-pending';
    if (request.status === 'pending') {
      if (this.clock.now().getTime() < request.expiresAt.getTime()) {
        // Not due by the shared clock: leave it to the reconciliation job's expiry backstop.
        outcome = 'not-due';
      } else {
        outcome = await this.settle.expireOrSettle(request);
      }
    }
    const consumed = await consumeOutboxJob(this.dataSource, job, this.clock.now(), async () => undefined);
    return { consumed, outcome };
  }
}
