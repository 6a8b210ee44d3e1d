import { Inject, Injectable, Logger } from '@nestjs/common';
import { PAYMENT_GATEWAY, PaymentGateway } from '@motcua/integrations';
import { ClockService, consumeOutboxJob } from '@motcua/platform';
import { PaymentRepository } from '@motcua/persistence';
import { PaymentJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { claimRefundForSending, completeRefund, releaseRefund } from '@motcua/application';

/** Gateway answers after which retrying cannot help (refused by the gateway): the refund needs a person. */
const FINAL_REFUSALS = new Set(['02', '03', '91', '93', '95', '97']);
/** VNPay "duplicate request": the refund may already be done; asked with QueryDR. */
const DUPLICATE_REQUEST = '94';

/**
 * `send-refund.v1`: sends a confirmed refund through the gateway once. The 'confirmed' → 'sending' claim lets one
 * runner through however often the job runs; a gateway "duplicate" answer is checked with QueryDR (refunded
 * status 05/06) instead of sending again; transient failures return the refund to 'confirmed' and retry.
 */
@Injectable()
export class SendRefundUseCase {
  private readonly logger = new Logger('PaymentRefund');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async handle(job: Job): Promise<unknown> {
    const data = job.data as Partial<PaymentJobs['send-refund.v1']>;
    if (typeof data?.refundId !== 'string') throw new UnrecoverableError('send-refund.v1 without refundId');
    const outcome = await this.send(data.refundId);
    const consumed = await consumeOutboxJob(this.dataSource, job, this.clock.now(), async () => undefined);
    return { consumed, outcome };
  }

  /** Sends the refund if it is confirmed; 'refunded', 'failed', or 'not-confirmed' (someone else has it / done). */
  async send(refundId: string): Promise<'refunded' | 'failed' | 'not-confirmed'> {
    const now = this.clock.now();
    const refund = await this.dataSource.transaction((manager) => claimRefundForSending(manager, { refundId, now }));
    if (!refund) return 'not-confirmed';
    const request = (await new PaymentRepository(this.dataSource.manager).findById(refund.paymentRequestId))!;
    let result;
    try {
      result = await this.gateway.refund({
        requestId: `R${refund.id.replace(/-/g, '').slice(0, 24)}${refund.attempts}`,
        txnRef: request.txnRef,
        amountVnd: refund.amount,
        full: refund.amount === request.amount,
        transactionNo: request.gatewayTransactionNo,
        orderCreatedAt: request.onlineStartedAt ?? request.createdAt,
        createdBy: 'motcua',
        now,
        clientIp: '127.0.0.1',
        reason: `Hoan tien ho so ${refund.reason}`,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.transaction((manager) =>
        releaseRefund(manager, { refundId, error: message, responseCode: null, final: false }),
      );
      throw error instanceof Error ? error : new Error(message); // BullMQ retries with backoff
    }
    if (
      result.accepted ||
      (result.verified && result.responseCode === DUPLICATE_REQUEST && (await this.refundedAtGateway(request)))
    ) {
      await this.dataSource.transaction((manager) =>
        completeRefund(manager, { refundId, responseCode: result.responseCode, now: this.clock.now() }),
      );
      return 'refunded';
    }
    const final = result.verified && FINAL_REFUSALS.has(result.responseCode ?? '');
    this.logger.warn(`refund ${refundId} not accepted (code ${result.responseCode}, verified ${result.verified})`);
    await this.dataSource.transaction((manager) =>
      releaseRefund(manager, {
        refundId,
        error: `gateway answered ${result.responseCode ?? '?'}: ${result.message ?? ''}`,
        responseCode: result.responseCode,
        final,
      }),
    );
    if (!final) throw new Error(`refund ${refundId}: gateway answered ${result.responseCode}`);
    return 'failed';
  }

  private async refundedAtGateway(request: {
    txnRef: string;
    onlineStartedAt: Date | null;
    createdAt: Date;
    id: string;
  }) {
    const now = this.clock.now();
    const answer = await this.gateway.queryTransaction({
      requestId: `Q${request.id.replace(/-/g, '').slice(0, 20)}${now.getTime().toString(36)}`,
      txnRef: request.txnRef,
      orderCreatedAt: request.onlineStartedAt ?? request.createdAt,
      now,
      clientIp: '127.0.0.1',
    });
    return answer.verified && answer.status === 'refunded';
  }
}
