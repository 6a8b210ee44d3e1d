import { Inject, Injectable, Logger } from '@nestjs/common';
import { PAYMENT_GATEWAY, PaymentGateway } from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import { PaymentRepository, PaymentRequestRecord } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { endPaymentRequest, settlePaymentRequest } from '@motcua/application';

/** Address sent as vnp_IpAddr on server-to-server calls. */
const SERVER_IP = '127.0.0.1';

/**
 * Asks the gateway (QueryDR) about a pending online request and settles it when the gateway says it was paid for
 * the right amount; used by reconciliation and expiry. A request never sent online needs no question.
 */
@Injectable()
export class SettleFromGatewayUseCase {
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  /** 'paid' when the gateway reports the payment (now recorded), otherwise 'pending' / 'failed' / 'not-found'. */
  async query(
    request: PaymentRequestRecord,
  ): Promise<'paid' | 'already-paid' | 'pending' | 'failed' | 'refunded' | 'not-found'> {
    if (!request.onlineStartedAt) return 'not-found';
    const now = this.clock.now();
    const answer = await this.gateway.queryTransaction({
      requestId: `Q${request.id.replace(/-/g, '').slice(0, 20)}${now.getTime().toString(36)}`,
      txnRef: request.txnRef,
      orderCreatedAt: request.onlineStartedAt,
      now,
      clientIp: SERVER_IP,
    });
    if (!answer.verified) {
      this.logger.warn(`QueryDR answer for ${request.txnRef} has an invalid signature; ignored`);
      return 'pending';
    }
    if (answer.status !== 'paid') return answer.status;
    if (answer.amountVnd !== request.amount) {
      this.logger.warn(
        `QueryDR for ${request.txnRef}: paid amount ${answer.amountVnd} ≠ ${request.amount}; not settled`,
      );
      return 'pending';
    }
    const late = now.getTime() > request.expiresAt.getTime();
    const outcome = await this.dataSource.transaction((manager) =>
      settlePaymentRequest(manager, {
        requestId: request.id,
        settlement: {
          channel: 'online',
          settledBy: 'querydr',
          paidAt: now,
          latePayment: late,
          gateway: this.gateway.id,
          gatewayTransactionNo: answer.transactionNo,
          gatewayBankCode: answer.bankCode,
          gatewayPayDate: answer.payDate,
        },
        actor: null,
        now,
        // Paid at the gateway before expiry by its own clock, noticed late here: honoured.
        late,
      }),
    );
    return outcome === 'paid' ? 'paid' : outcome === 'already-paid' ? 'already-paid' : 'pending';
  }

  /** An overdue pending request: settled if the gateway says it was paid, else expired. */
  async expireOrSettle(request: PaymentRequestRecord): Promise<string> {
    const asked = await this.query(request).catch((error) => {
      this.logger.warn(`QueryDR for ${request.txnRef} failed: ${error instanceof Error ? error.message : error}`);
      throw error; // retried: never expire a request whose payment state is unknown
    });
    if (asked === 'paid' || asked === 'already-paid') return asked;
    const current = await new PaymentRepository(this.dataSource.manager).findById(request.id);
    if (current?.status !== 'pending') return 'not-pending';
    const ended = await this.dataSource.transaction((manager) =>
      endPaymentRequest(manager, {
        requestId: request.id,
        status: 'expired',
        reason: 'expired',
        now: this.clock.now(),
      }),
    );
    return ended ? 'expired' : 'not-pending';
  }
}
