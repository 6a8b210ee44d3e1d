import { Inject, Injectable, Logger } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { decideNotification } from '@motcua/domain';
import {
  GatewayNotification,
  PAYMENT_GATEWAY,
  PaymentGateway,
  VNPAY_IPN_ANSWERS,
  VnpayIpnAnswer,
} from '@motcua/integrations';
import { lockDossierRow, PaymentRepository, PaymentRequestRecord } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import { endPaymentRequest, requestRefund, settlePaymentRequest } from '@motcua/application';

/**
 * VNPay IPN (server-to-server, public, verified by signature only). Answers in VNPay's order: 97 invalid signature →
 * 01 order not found → 04 invalid amount → 02 already confirmed → 00 recorded. Paid requests continue the dossier
 * (the payment step completes); duplicates, however concurrent, find the request paid (conditional update under the
 * dossier lock) and get 02. Every refusal is logged (code, reference, address) — never the parameters or secret.
 */
@Injectable()
export class VnpayIpnUseCase {
  private readonly logger = new Logger('VnpayIpn');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async handle(query: Record<string, unknown>, remoteIp: string | null): Promise<VnpayIpnAnswer> {
    try {
      return await this.answer(query, remoteIp);
    } catch (error) {
      this.logger.error(`IPN failed: ${error instanceof Error ? error.message : String(error)}`);
      return VNPAY_IPN_ANSWERS.unknownError;
    }
  }

  private async answer(query: Record<string, unknown>, remoteIp: string | null): Promise<VnpayIpnAnswer> {
    const notification = this.gateway.readNotification(query);
    const txnRef = typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef : null;
    if (!notification.verified)
      return this.refuse(VNPAY_IPN_ANSWERS.invalidSignature, 'invalid-signature', txnRef, remoteIp);
    const repository = new PaymentRepository(this.dataSource.manager);
    const request =
      notification.txnRef && notification.merchantCode === this.config.VNPAY_TMN_CODE
        ? await repository.findByTxnRef(notification.txnRef)
        : null;
    if (!request) return this.refuse(VNPAY_IPN_ANSWERS.orderNotFound, 'order-not-found', txnRef, remoteIp);
    const first = decideNotification(request, notification, this.clock.now(), this.config.PAYMENT_LATE_POLICY);
    if (first.answer === 'invalid-amount') {
      return this.refuse(VNPAY_IPN_ANSWERS.invalidAmount, 'invalid-amount', txnRef, remoteIp);
    }
    if (first.answer === 'already-confirmed') {
      return this.refuse(VNPAY_IPN_ANSWERS.alreadyConfirmed, 'already-confirmed', txnRef, remoteIp);
    }
    const answer = await this.dataSource.transaction((manager) => this.record(manager, request, notification));
    if (answer.RspCode !== '00') return this.refuse(answer, 'already-confirmed', txnRef, remoteIp);
    return answer;
  }

  /** Under the dossier lock, decides again on the current row and applies the effect. */
  private async record(
    manager: EntityManager,
    found: PaymentRequestRecord,
    notification: GatewayNotification,
  ): Promise<VnpayIpnAnswer> {
    await lockDossierRow(manager, found.dossierId);
    const payments = new PaymentRepository(manager);
    const request = (await payments.findById(found.id))!;
    const now = this.clock.now();
    const decision = decideNotification(request, notification, now, this.config.PAYMENT_LATE_POLICY);
    if (decision.answer === 'invalid-amount') return VNPAY_IPN_ANSWERS.invalidAmount;
    if (decision.answer === 'already-confirmed') return VNPAY_IPN_ANSWERS.alreadyConfirmed;
    const settlement = {
      channel: 'online' as const,
      settledBy: 'ipn' as const,
      paidAt: now,
      latePayment: decision.effect !== 'mark-paid',
      gateway: this.gateway.id,
      gatewayTransactionNo: notification.transactionNo,
      gatewayBankCode: notification.bankCode,
      gatewayPayDate: notification.payDate,
    };
    switch (decision.effect) {
      case 'mark-paid':
      case 'late-honour': {
        const outcome = await settlePaymentRequest(manager, {
          requestId: request.id,
          settlement,
          actor: null,
          now,
          late: decision.effect === 'late-honour',
        });
        return outcome === 'paid' ? VNPAY_IPN_ANSWERS.confirmed : VNPAY_IPN_ANSWERS.alreadyConfirmed;
      }
      case 'record-failure':
        // Cancelled or failed at the gateway: the request stays open until it expires (the payer may try again).
        await manager.query(
          `INSERT INTO payment_callback_log (gateway, received_at, txn_ref, rsp_code, outcome, remote_ip)
           VALUES ($1, $2, $3, '00', $4, NULL)`,
          [this.gateway.id, now, request.txnRef, `payment-failed-${notification.responseCode ?? '?'}`],
        );
        return VNPAY_IPN_ANSWERS.confirmed;
      case 'late-refund': {
        if (request.status === 'pending') {
          await endPaymentRequest(manager, { requestId: request.id, status: 'expired', reason: 'expired', now });
        }
        if (!(await payments.recordLatePayment(request.id, settlement))) return VNPAY_IPN_ANSWERS.alreadyConfirmed;
        await requestRefund(manager, { paymentRequestId: request.id, reason: 'late-payment', now });
        this.logger.warn(`late payment ${request.txnRef} after expiry: refund record created`);
        return VNPAY_IPN_ANSWERS.confirmed;
      }
      default: {
        const unknown: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async refuse(
    answer: VnpayIpnAnswer,
    outcome: string,
    txnRef: string | null,
    remoteIp: string | null,
  ): Promise<VnpayIpnAnswer> {
    const safeRef = txnRef ? txnRef.replace(/[^A-Za-z0-9._-]/g, '?').slice(0, 100) : null;
    this.logger.warn(`IPN refused ${answer.RspCode} (${outcome}) txnRef=${safeRef ?? '-'} from ${remoteIp ?? '?'}`);
    await new PaymentRepository(this.dataSource.manager)
      .logCallback({
        gateway: this.gateway.id,
        receivedAt: this.clock.now(),
        txnRef: safeRef,
        rspCode: answer.RspCode,
        outcome,
        remoteIp,
      })
      .catch(() => undefined);
    return answer;
  }
}
