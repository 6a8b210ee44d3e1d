import { paymentExpiryDedupeKey } from '@motcua/domain';
import { DEFAULT_JOB_OPTIONS, defineQueue, outboxJob, OutboxEntry } from './queue-contract';

/**
 * The payment service's queue (apps/payment). Outbox-fed jobs carry ids only; handlers reload Postgres and are
 * idempotent (a replay finds the request already opened, expired or the refund already sent).
 * - `open-request.v1`: a payment step started → assess the fee, open the payment request (or waive a zero fee).
 * - `expire-request.v1`: delayed to the request's expiry → expire it unless the gateway says it was paid.
 * - `reconcile.v1`: repeatable → QueryDR for stale pending requests, expiry backstop, cancel/refund records for
 *   dossiers that ended.
 * - `send-refund.v1`: an officer confirmed a refund → the gateway's refund call, once.
 * WARNING: queue and job names are persistent identifiers, never rename.
 */
export interface PaymentJobs {
  /** Liveness canary: proves a payment worker is consuming (used by readiness checks and the boot test). */
  'canary.v1': { token: string };
  'open-request.v1': { stepTaskId: string };
  'expire-request.v1': { paymentRequestId: string };
  'reconcile.v1': { reason?: string };
  'send-refund.v1': { refundId: string };
}

export const PAYMENT_QUEUE = defineQueue<PaymentJobs>('payment', DEFAULT_JOB_OPTIONS);

/** A started payment step asks the payment service to open its request (written once per step run). */
export function openPaymentRequestJob(stepTaskId: string): OutboxEntry {
  return outboxJob(PAYMENT_QUEUE, 'open-request.v1', { stepTaskId }, { dedupeKey: `payment-open-${stepTaskId}` });
}

export function expirePaymentRequestJob(paymentRequestId: string, expiresAt: Date): OutboxEntry {
  return outboxJob(
    PAYMENT_QUEUE,
    'expire-request.v1',
    { paymentRequestId },
    { dedupeKey: paymentExpiryDedupeKey(paymentRequestId), deliverAt: expiresAt },
  );
}

export function sendRefundJob(refundId: string): OutboxEntry {
  return outboxJob(PAYMENT_QUEUE, 'send-refund.v1', { refundId }, { dedupeKey: `payment-refund-${refundId}` });
}

/** The payment queue's outbox entries, handed to the persistence lifecycle functions (`PaymentOutbox`). */
export const PAYMENT_OUTBOX = {
  expireRequest: expirePaymentRequestJob,
  sendRefund: sendRefundJob,
};
