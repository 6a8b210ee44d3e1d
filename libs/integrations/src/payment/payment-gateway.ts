/**
 * A payment gateway as the payment service sees it. Adapters: VNPay 2.1.0 (`VnpayGateway`, which also talks to
 * the embedded sandbox). Room for the national portal's payment platform (DOMAIN.md "Payments": JSON messages
 * INIT / confirm / QUERY, `MaXacThuc` SHA-256; no official spec found, no adapter yet): it implements the same
 * four operations under the id 'national-portal'.
 */
export type PaymentGatewayId = 'vnpay' | 'national-portal';

export interface OnlinePaymentOrder {
  /** Unique per payment request (vnp_TxnRef). */
  txnRef: string;
  amountVnd: number;
  /** Short text without diacritics (VNPay refuses some characters). */
  orderInfo: string;
  /** Where the payer's browser lands afterwards; shows the outcome only. */
  returnUrl: string;
  clientIp: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A gateway's server-to-server notification (IPN), checked. */
export interface GatewayNotification {
  verified: boolean;
  merchantCode: string | null;
  txnRef: string | null;
  /** Whole VND, or null when the notified amount is not a whole number of VND. */
  amountVnd: number | null;
  paid: boolean;
  responseCode: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  /** The gateway's own payment date text (VNPay: yyyyMMddHHmmss GMT+7). */
  payDate: string | null;
}

export interface TransactionQuery {
  requestId: string;
  txnRef: string;
  /** When the payment order was created (vnp_TransactionDate = the pay URL's vnp_CreateDate). */
  orderCreatedAt: Date;
  now: Date;
  clientIp: string;
}

export interface TransactionQueryResult {
  /** The answer's signature was correct. */
  verified: boolean;
  /**
   * 'paid' (settle), 'refunded' (paid, then refunded in part or in full), 'failed' (cancelled or refused at the
   * gateway), 'pending' (no final outcome), 'not-found'.
   */
  status: 'paid' | 'refunded' | 'failed' | 'pending' | 'not-found';
  amountVnd: number | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: string | null;
  responseCode: string | null;
}

export interface RefundOrder {
  requestId: string;
  txnRef: string;
  amountVnd: number;
  /** Full refund of the payment, or part of it. */
  full: boolean;
  transactionNo: string | null;
  orderCreatedAt: Date;
  createdBy: string;
  now: Date;
  clientIp: string;
  reason: string;
}

export interface RefundResult {
  verified: boolean;
  accepted: boolean;
  responseCode: string | null;
  message: string | null;
}

export interface PaymentGateway {
  readonly id: PaymentGatewayId;
  /** Where the payer is sent to pay. */
  createPaymentUrl(order: OnlinePaymentOrder): string;
  /** Reads and verifies a notification (IPN) or return-URL query. Never throws on bad input. */
  readNotification(query: Record<string, unknown>): GatewayNotification;
  queryTransaction(query: TransactionQuery): Promise<TransactionQueryResult>;
  refund(order: RefundOrder): Promise<RefundResult>;
}

/** Nest injection token of the configured gateway. */
export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');
