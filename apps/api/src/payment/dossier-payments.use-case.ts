import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { renderPaymentReceiptForm } from '@motcua/forms';
import { DossierEntity, DossierRepository, PaymentRepository } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { PAYMENT_OUTBOX } from '@motcua/queues';
import { DataSource, EntityManager } from 'typeorm';
import { scopeOf } from '../identity/scope';
import type { Actor } from '../identity/access.decorator';
import { DeskPaymentDto } from './dto/desk-payment.dto';
import {
  DossierPaymentsDto,
  PaymentReceiptDto,
  PaymentRequestDto,
  RefundDto,
  FeeLineDto,
} from './dto/payment-response.dto';
import { confirmRefund, recordDeskPayment, reissuePaymentRequest } from '@motcua/application';

const notFound = (what: string, id: string) =>
  new DomainError('payment.not-found', `${what} ${id} not found`, 'not-found', { id });

/** Payments of one dossier as officers see them: list, desk payment, re-issue, refund confirmation, e-receipt. */
@Injectable()
export class DossierPaymentsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  private async dossier(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DossierEntity> {
    const dossier = await new DossierRepository(manager).findInScope(id, scopeOf(actor));
    if (!dossier) throw notFound('Dossier', id);
    return dossier;
  }

  async list(actor: Actor, dossierId: string): Promise<DossierPaymentsDto> {
    await this.dossier(actor, dossierId);
    const payments = new PaymentRepository(this.dataSource.manager);
    const requests = await payments.listForDossier(dossierId);
    return {
      requests: await Promise.all(
        requests.map(async (request) => PaymentRequestDto.from(request, await payments.feeLines(request.id))),
      ),
      refunds: (await payments.refundsForDossier(dossierId)).map(RefundDto.from),
    };
  }

  async desk(actor: Actor, dossierId: string, body: DeskPaymentDto): Promise<PaymentRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.dossier(actor, dossierId, manager);
      const paid = await recordDeskPayment(manager, {
        dossierId,
        method: body.method,
        receiptNumber: body.receiptNumber,
        amount: body.amount,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        now: this.clock.now(),
      });
      return PaymentRequestDto.from(paid, await new PaymentRepository(manager).feeLines(paid.id));
    });
  }

  async reissue(actor: Actor, dossierId: string): Promise<PaymentRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.dossier(actor, dossierId, manager);
      const issued = await reissuePaymentRequest(manager, {
        dossierId,
        now: this.clock.now(),
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        outbox: PAYMENT_OUTBOX,
      });
      return PaymentRequestDto.from(issued, await new PaymentRepository(manager).feeLines(issued.id));
    });
  }

  async confirmRefund(actor: Actor, refundId: string): Promise<RefundDto> {
    return this.dataSource.transaction(async (manager) => {
      const refund = await new PaymentRepository(manager).findRefund(refundId);
      if (!refund) throw notFound('Refund', refundId);
      await this.dossier(actor, refund.dossierId, manager).catch(() => {
        throw notFound('Refund', refundId); // outside the actor's scope: 404, not 403
      });
      const confirmed = await confirmRefund(manager, {
        refundId,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        now: this.clock.now(),
        outbox: PAYMENT_OUTBOX,
      });
      return RefundDto.from(confirmed);
    });
  }

  /** E-receipt data of a paid request, from the ledger (payment_request + fee_line). */
  async receipt(actor: Actor, dossierId: string, requestId: string): Promise<PaymentReceiptDto> {
    const dossier = await this.dossier(actor, dossierId);
    const payments = new PaymentRepository(this.dataSource.manager);
    const request = await payments.findById(requestId);
    if (!request || request.dossierId !== dossier.id) throw notFound('Payment request', requestId);
    if (request.status !== 'paid' || !request.paidAt || !request.channel) {
      throw new DomainError(
        'payment.not-paid',
        `Payment request ${requestId} is ${request.status}; no receipt`,
        'conflict',
      );
    }
    const [names]: Array<{ procedure_code: string; procedure_name: string; agency_name: string }> =
      await this.dataSource.query(
        `SELECT p.code AS procedure_code, p.name AS procedure_name, a.name AS agency_name
         FROM procedure p, agency a WHERE p.id = $1 AND a.id = $2`,
        [dossier.procedureId, request.agencyId],
      );
    return {
      receiptNumber: request.deskReceiptNumber ?? `BLDT-${request.txnRef}`,
      dossierCode: dossier.code,
      payerName: dossier.applicantName,
      procedureCode: names.procedure_code,
      procedureName: names.procedure_name,
      amount: request.amount,
      feeLines: (await payments.feeLines(request.id)).map(FeeLineDto.from),
      channel: request.channel,
      method: request.deskMethod,
      txnRef: request.txnRef,
      transactionNumber: request.gatewayTransactionNo,
      paidAt: request.paidAt.toISOString(),
      agencyName: names.agency_name,
    };
  }

  async receiptPdf(actor: Actor, dossierId: string, requestId: string): Promise<Buffer> {
    const receipt = await this.receipt(actor, dossierId, requestId);
    const dossier = await this.dossier(actor, dossierId);
    return renderPaymentReceiptForm({
      dossierCode: receipt.dossierCode,
      agencyName: receipt.agencyName.toUpperCase(),
      receiptNumber: receipt.receiptNumber,
      payer: { name: receipt.payerName, address: dossier.applicant.address },
      procedure: { name: receipt.procedureName, code: receipt.procedureCode },
      lines: receipt.feeLines,
      total: receipt.amount,
      paidAt: new Date(receipt.paidAt),
      channel: receipt.channel as 'desk' | 'online',
      method: receipt.method,
      transactionNumber: receipt.transactionNumber,
      txnRef: receipt.txnRef,
    });
  }
}
