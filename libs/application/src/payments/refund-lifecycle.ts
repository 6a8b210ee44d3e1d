import { DomainError } from '@motcua/domain';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DossierEventActor, lockDossierRow, PaymentRefundRecord, PaymentRepository } from '@motcua/persistence';
import { appendDossierEvent, writeOutbox } from '@motcua/platform';
import type { PaymentOutbox } from './payment-lifecycle';

/**
 * Refunds: one record per payment (unique on the payment request), created when a paid dossier ends without a
 * result (refused, withdrawn, stopped) or a late gateway payment is not honoured; confirmed by an officer; sent
 * through the gateway once (a claimed 'sending' state, then 'refunded'). Desk payments are refunded at the desk:
 * confirming them is the refund.
 */
async function lockDossier(manager: EntityManager, dossierId: string): Promise<void> {
  await lockDossierRow(manager, dossierId);
}

async function refundEvent(
  manager: EntityManager,
  dossierId: string,
  type: string,
  refund: PaymentRefundRecord,
  actor: DossierEventActor | null,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendDossierEvent(manager, {
    dossierId,
    type,
    payload: {
      refundId: refund.id,
      paymentRequestId: refund.paymentRequestId,
      amount: refund.amount,
      reason: refund.reason,
      ...extra,
    },
    actor,
    occurredAt: at,
  });
}

/** Creates the refund record of a received payment; null when one exists already (so a replay records nothing). */
export async function requestRefund(
  manager: EntityManager,
  input: { paymentRequestId: string; reason: string; now: Date },
): Promise<PaymentRefundRecord | null> {
  const payments = new PaymentRepository(manager);
  const request = await payments.findById(input.paymentRequestId);
  if (!request || !request.paidAt) return null;
  await lockDossier(manager, request.dossierId);
  const refund = await payments.insertRefund({
    id: randomUUID(),
    paymentRequestId: request.id,
    dossierId: request.dossierId,
    amount: request.amount,
    reason: input.reason,
    requestedAt: input.now,
  });
  if (refund) await refundEvent(manager, request.dossierId, 'payment-refund-requested', refund, null, input.now);
  return refund;
}

/**
 * An officer confirms a requested refund. Online payments are then sent to the gateway by the payment service
 * (outbox job); desk payments are handed back at the desk, so confirming records the refund.
 */
export async function confirmRefund(
  manager: EntityManager,
  input: { refundId: string; actor: DossierEventActor & { userId: string }; now: Date; outbox: PaymentOutbox },
): Promise<PaymentRefundRecord> {
  const payments = new PaymentRepository(manager);
  const found = await payments.findRefund(input.refundId);
  if (!found) throw new DomainError('payment.refund-not-found', `Refund ${input.refundId} not found`, 'not-found');
  await lockDossier(manager, found.dossierId);
  const request = (await payments.findById(found.paymentRequestId))!;
  const confirmed = await payments.updateRefund(found.id, ['requested'], {
    status: request.channel === 'desk' ? 'refunded' : 'confirmed',
    confirmed_at: input.now,
    confirmed_by_user_id: input.actor.userId,
    ...(request.channel === 'desk' ? { refunded_at: input.now } : {}),
  });
  if (!confirmed) {
    const current = (await payments.findRefund(found.id))!;
    throw new DomainError('payment.refund-not-requested', `The refund is already ${current.status}`, 'conflict', {
      status: current.status,
    });
  }
  await refundEvent(manager, found.dossierId, 'payment-refund-confirmed', confirmed, input.actor, input.now);
  if (request.channel === 'desk') {
    await refundEvent(manager, found.dossierId, 'payment-refunded', confirmed, input.actor, input.now, {
      channel: 'desk',
    });
  } else {
    await writeOutbox(manager, [input.outbox.sendRefund(confirmed.id)]);
  }
  return confirmed;
}

/** Claims a confirmed refund for sending (one sender wins); null when it is not (or no longer) confirmed. */
export async function claimRefundForSending(
  manager: EntityManager,
  input: { refundId: string; now: Date },
): Promise<PaymentRefundRecord | null> {
  return new PaymentRepository(manager).updateRefund(input.refundId, ['confirmed'], {
    status: 'sending',
    sent_at: input.now,
    incrementAttempts: true,
  });
}

/** The gateway accepted the refund: 'refunded' and the 'payment-refunded' event, once. */
export async function completeRefund(
  manager: EntityManager,
  input: { refundId: string; responseCode: string | null; now: Date },
): Promise<boolean> {
  const payments = new PaymentRepository(manager);
  const found = await payments.findRefund(input.refundId);
  if (!found) return false;
  await lockDossier(manager, found.dossierId);
  const done = await payments.updateRefund(found.id, ['sending'], {
    status: 'refunded',
    refunded_at: input.now,
    gateway_response_code: input.responseCode,
  });
  if (!done) return false;
  await refundEvent(manager, found.dossierId, 'payment-refunded', done, null, input.now, {
    channel: 'online',
    gatewayResponseCode: input.responseCode,
  });
  return true;
}

/** The gateway call failed: back to 'confirmed' (retried) or 'failed' (refused by the gateway, needs a person). */
export async function releaseRefund(
  manager: EntityManager,
  input: { refundId: string; error: string; responseCode: string | null; final: boolean },
): Promise<void> {
  await new PaymentRepository(manager).updateRefund(input.refundId, ['sending'], {
    status: input.final ? 'failed' : 'confirmed',
    last_error: input.error.slice(0, 500),
    gateway_response_code: input.responseCode,
  });
}
