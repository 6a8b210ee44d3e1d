import { DomainError } from '../errors/domain-error';

/**
 * A payment request (yêu cầu thanh toán): one amount the applicant is asked to pay for one payment step, with an
 * expiry. Re-issuing after expiry opens a new request (a new `vnp_TxnRef`); the old one stays expired.
 */
export const PAYMENT_REQUEST_STATUSES = ['pending', 'paid', 'expired', 'cancelled'] as const;
export type PaymentRequestStatus = (typeof PAYMENT_REQUEST_STATUSES)[number];

export const PAYMENT_CHANNELS = ['desk', 'online'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const DESK_PAYMENT_METHODS = ['cash', 'bank-transfer'] as const;
export type DeskPaymentMethod = (typeof DESK_PAYMENT_METHODS)[number];

/** What to do with a gateway payment notified after its request expired or was cancelled. */
export const LATE_PAYMENT_POLICIES = ['honour', 'refund'] as const;
export type LatePaymentPolicy = (typeof LATE_PAYMENT_POLICIES)[number];

export interface PaymentRequestState {
  status: PaymentRequestStatus;
  amount: number;
  expiresAt: Date;
}

/** The answer to a verified gateway notification for a known request, in VNPay's order (after 97 and 01). */
export type NotificationDecision =
  | { answer: 'invalid-amount' }
  | { answer: 'already-confirmed' }
  /** A successful payment on a pending request: record it and continue the dossier. */
  | { answer: 'confirmed'; effect: 'mark-paid' }
  /** A failed/cancelled payment: nothing changes (the request stays open until expiry). */
  | { answer: 'confirmed'; effect: 'record-failure' }
  /** Paid after expiry or cancellation: honoured and flagged, or refunded, per configuration. */
  | { answer: 'confirmed'; effect: 'late-honour' | 'late-refund' };

export function decideNotification(
  request: PaymentRequestState,
  notification: { amountVnd: number | null; paid: boolean },
  now: Date,
  latePolicy: LatePaymentPolicy,
): NotificationDecision {
  if (notification.amountVnd === null || notification.amountVnd !== request.amount) return { answer: 'invalid-amount' };
  if (request.status === 'paid') return { answer: 'already-confirmed' };
  const open = request.status === 'pending' && now.getTime() <= request.expiresAt.getTime();
  if (!notification.paid)
    return open ? { answer: 'confirmed', effect: 'record-failure' } : { answer: 'already-confirmed' };
  if (open) return { answer: 'confirmed', effect: 'mark-paid' };
  return { answer: 'confirmed', effect: latePolicy === 'honour' ? 'late-honour' : 'late-refund' };
}

/** A request may be paid at the desk (or re-offered online) only while it is pending and not past its expiry. */
export function assertPayable(request: PaymentRequestState, now: Date): void {
  if (request.status !== 'pending') {
    throw new DomainError('payment.not-payable', `The payment request is ${request.status}`, 'conflict', {
      status: request.status,
    });
  }
  if (now.getTime() > request.expiresAt.getTime()) {
    throw new DomainError(
      'payment.expired',
      'The payment request has expired; the desk must re-issue it before it can be paid',
      'conflict',
    );
  }
}

/** Transaction reference sent to the gateway: unique per request, ≤ 100 characters, no separators VNPay dislikes. */
export function paymentTxnRef(requestId: string): string {
  return `MC${requestId.replace(/-/g, '').toUpperCase()}`;
}

/**
 * Outbox dedupe key of a request's delayed expiry job: written once per request, and marked consumed when the
 * request is settled or ended some other way (so a delayed job left in Redis finds nothing to do).
 */
export function paymentExpiryDedupeKey(paymentRequestId: string): string {
  return `payment-expire-${paymentRequestId}`;
}
