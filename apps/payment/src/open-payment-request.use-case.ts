import { Inject, Injectable } from '@nestjs/common';
import { ClockService, consumeOutboxJob } from '@motcua/platform';
import { PAYMENT_OUTBOX, PaymentJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { openPaymentRequest } from '@motcua/application';

/** `open-request.v1`: a payment step started; open its request (or waive a zero fee) once. */
@Injectable()
export class OpenPaymentRequestUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async handle(job: Job): Promise<unknown> {
    const data = job.data as Partial<PaymentJobs['open-request.v1']>;
    if (typeof data?.stepTaskId !== 'string') throw new UnrecoverableError(`open-request.v1 without stepTaskId`);
    let outcome: string = 'duplicate';
    const consumed = await consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
      outcome = await openPaymentRequest(manager, {
        stepTaskId: data.stepTaskId as string,
        now: this.clock.now(),
        outbox: PAYMENT_OUTBOX,
      });
    });
    return { consumed, outcome };
  }
}
