import { formatVnpayDate } from './vnpay-date';
import { hmacSha512Hex, sameHexDigest, vnpayPipeData, vnpaySign, vnpayVerify } from './vnpay-signature';

/** VNPay payment gateway protocol version implemented here (DOMAIN.md "Payments"). */
export const VNPAY_VERSION = '2.1.0';

/** The merchant's settings at VNPay. */
export interface VnpayMerchant {
  tmnCode: string;
  hashSecret: string;
  /** `{host}/paymentv2/vpcpay.html` */
  payUrl: string;
  /** `{host}/merchant_webapi/api/transaction` (QueryDR and refund). */
  apiUrl: string;
}

/** IPN answers, checked in this order (VNPay 2.1.0 IPN guide). */
export const VNPAY_IPN_ANSWERS = {
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type VnpayIpnAnswer = (typeof VNPAY_IPN_ANSWERS)[keyof typeof VNPAY_IPN_ANSWERS];

/** `vnp_ResponseCode` / `vnp_TransactionStatus` values the service acts on. */
export const VNPAY_SUCCESS = '00';
export const VNPAY_CUSTOMER_CANCELLED = '24';
export const VNPAY_EXPIRED = '11';

export interface VnpayPaymentOrder {
  txnRef: string;
  amountVnd: number;
  orderInfo: string;
  returnUrl: string;
  clientIp: string;
  createdAt: Date;
  expiresAt: Date;
  locale?: 'vn' | 'en';
  /** VNPay order category; 'other' by default. */
  orderType?: string;
}

/** The signed parameters of a pay URL (`vnp_Amount` = VND × 100, dates GMT+7). */
export function vnpayPaymentParams(merchant: VnpayMerchant, order: VnpayPaymentOrder): Record<string, string> {
  if (!Number.isSafeInteger(order.amountVnd) || order.amountVnd <= 0) {
    throw new Error(`VNPay amount must be a positive whole number of VND, got ${order.amountVnd}`);
  }
  const params: Record<string, string> = {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: merchant.tmnCode,
    vnp_Amount: String(order.amountVnd * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: order.txnRef,
    vnp_OrderInfo: order.orderInfo,
    vnp_OrderType: order.orderType ?? 'other',
    vnp_Locale: order.locale ?? 'vn',
    vnp_ReturnUrl: order.returnUrl,
    vnp_IpAddr: order.clientIp,
    vnp_CreateDate: formatVnpayDate(order.createdAt),
    vnp_ExpireDate: formatVnpayDate(order.expiresAt),
  };
  return { ...params, vnp_SecureHash: vnpaySign(merchant.hashSecret, params) };
}

export function vnpayPaymentUrl(merchant: VnpayMerchant, order: VnpayPaymentOrder): string {
  const url = new URL(merchant.payUrl);
  const params = vnpayPaymentParams(merchant, order);
  const { vnp_SecureHash, ...signed } = params;
  // Same encoding as the signed data, then the hash (VNPay's reference implementations do the same).
  const search = new URLSearchParams();
  for (const key of Object.keys(signed).sort()) search.append(key, signed[key]);
  search.append('vnp_SecureHash', vnp_SecureHash);
  url.search = search.toString();
  return url.toString();
}

/** An IPN or return-URL call, after the signature check. */
export interface VnpayCallback {
  verified: boolean;
  tmnCode: string | null;
  txnRef: string | null;
  /** VND (vnp_Amount / 100); null when vnp_Amount is not a whole number of VND × 100. */
  amountVnd: number | null;
  responseCode: string | null;
  transactionStatus: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Reads and verifies the query of an IPN or return URL (repeated keys or non-string values fail verification). */
export function parseVnpayCallback(hashSecret: string, query: Record<string, unknown>): VnpayCallback {
  const amount = text(query.vnp_Amount);
  const amountVnd = amount && /^\d{1,17}$/.test(amount) && Number(amount) % 100 === 0 ? Number(amount) / 100 : null;
  return {
    verified: vnpayVerify(hashSecret, query),
    tmnCode: text(query.vnp_TmnCode),
    txnRef: text(query.vnp_TxnRef),
    amountVnd,
    responseCode: text(query.vnp_ResponseCode),
    transactionStatus: text(query.vnp_TransactionStatus),
    transactionNo: text(query.vnp_TransactionNo),
    bankCode: text(query.vnp_BankCode),
    payDate: text(query.vnp_PayDate),
  };
}

/** True when the callback reports a completed payment (both codes 00). */
export function isVnpayPaid(callback: Pick<VnpayCallback, 'responseCode' | 'transactionStatus'>): boolean {
  return callback.responseCode === VNPAY_SUCCESS && (callback.transactionStatus ?? VNPAY_SUCCESS) === VNPAY_SUCCESS;
}

// ---- merchant API (POST JSON to apiUrl): QueryDR and refund ------------------------------------------------

export const QUERYDR_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const QUERYDR_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;

export const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const REFUND_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
] as const;

export type MerchantMessage = Record<string, string>;

/** Signs a merchant API message over `fields` (pipe-joined, HMAC-SHA512) into `vnp_SecureHash`. */
export function signMerchantMessage(
  hashSecret: string,
  fields: readonly string[],
  message: MerchantMessage,
): MerchantMessage {
  const data = vnpayPipeData(fields.map((field) => message[field]));
  return { ...message, vnp_SecureHash: hmacSha512Hex(hashSecret, data) };
}

export function verifyMerchantMessage(hashSecret: string, fields: readonly string[], message: unknown): boolean {
  if (!message || typeof message !== 'object') return false;
  const record = message as Record<string, unknown>;
  const data = vnpayPipeData(
    fields.map((field) => {
      const value = record[field];
      return typeof value === 'string' || typeof value === 'number' ? value : undefined;
    }),
  );
  return sameHexDigest(hmacSha512Hex(hashSecret, data), record.vnp_SecureHash);
}
