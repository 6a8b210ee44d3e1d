import { formatVnpayDate, parseVnpayDate } from './vnpay-date';
import {
  MerchantMessage,
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  signMerchantMessage,
  verifyMerchantMessage,
  VNPAY_CUSTOMER_CANCELLED,
  VNPAY_SUCCESS,
  VNPAY_VERSION,
  VnpayMerchant,
} from './vnpay-protocol';
import { vnpaySign, vnpayVerify } from './vnpay-signature';

/**
 * The embedded VNPay sandbox: the gateway's side of the protocol, so the demo and the tests run offline. It checks
 * pay URLs like VNPay (signature, merchant, version, expiry), builds the IPN and return-URL parameters of a payer's
 * choice signed with the merchant's secret, and answers QueryDR and refund with signed messages. Its own records
 * (what was paid, refunded) live behind `SandboxStore`.
 */
export interface SandboxTransaction {
  tmnCode: string;
  txnRef: string;
  /** vnp_Amount as sent (VND × 100). */
  amount: string;
  orderInfo: string;
  /** vnp_CreateDate of the pay URL. */
  orderCreateDate: string;
  /** '00' paid, '02' failed/cancelled. */
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: string;
  /** VND × 100 refunded so far. */
  refunded: number;
}

export interface SandboxStore {
  find(tmnCode: string, txnRef: string): Promise<SandboxTransaction | null>;
  /** Records a refund; 'duplicate' when this request id was seen before. */
  addRefund(tmnCode: string, txnRef: string, requestId: string, amount: number): Promise<'recorded' | 'duplicate'>;
}

export type PayPageCheck =
  { ok: true; order: SandboxOrder } | { ok: false; code: string; message: string; returnUrl?: string };

export interface SandboxOrder {
  tmnCode: string;
  txnRef: string;
  amount: string;
  amountVnd: number;
  orderInfo: string;
  returnUrl: string;
  createDate: string;
  expireDate: string;
  locale: string;
}

/** Checks a pay URL's query like the gateway's payment page does. */
export function checkPayPage(merchant: VnpayMerchant, query: Record<string, unknown>, now: Date): PayPageCheck {
  if (!vnpayVerify(merchant.hashSecret, query))
    return { ok: false, code: '70', message: 'Sai chữ ký (invalid signature)' };
  const field = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
  if (field('vnp_TmnCode') !== merchant.tmnCode) return { ok: false, code: '02', message: 'Merchant không hợp lệ' };
  if (field('vnp_Version') !== VNPAY_VERSION || field('vnp_Command') !== 'pay') {
    return { ok: false, code: '03', message: 'Dữ liệu gửi sang không đúng định dạng' };
  }
  const amount = field('vnp_Amount');
  if (!/^\d+$/.test(amount) || Number(amount) % 100 !== 0 || Number(amount) <= 0) {
    return { ok: false, code: '03', message: 'Số tiền không hợp lệ' };
  }
  const expiresAt = parseVnpayDate(field('vnp_ExpireDate'));
  if (!expiresAt || !parseVnpayDate(field('vnp_CreateDate'))) {
    return { ok: false, code: '03', message: 'Ngày không hợp lệ' };
  }
  const returnUrl = field('vnp_ReturnUrl');
  if (now.getTime() > expiresAt.getTime()) {
    return { ok: false, code: '11', message: 'Giao dịch đã hết hạn chờ thanh toán', returnUrl };
  }
  return {
    ok: true,
    order: {
      tmnCode: merchant.tmnCode,
      txnRef: field('vnp_TxnRef'),
      amount,
      amountVnd: Number(amount) / 100,
      orderInfo: field('vnp_OrderInfo'),
      returnUrl,
      createDate: field('vnp_CreateDate'),
      expireDate: field('vnp_ExpireDate'),
      locale: field('vnp_Locale') || 'vn',
    },
  };
}

/** The payer's choice on the page, as the signed IPN / return-URL parameters the gateway sends. */
export function sandboxCallbackParams(
  merchant: VnpayMerchant,
  order: SandboxOrder,
  outcome: 'pay' | 'cancel',
  transactionNo: string,
  now: Date,
): Record<string, string> {
  const params: Record<string, string> = {
    vnp_Amount: order.amount,
    vnp_BankCode: outcome === 'pay' ? 'NCB' : 'VNPAY',
    vnp_CardType: outcome === 'pay' ? 'ATM' : '',
    vnp_OrderInfo: order.orderInfo,
    vnp_PayDate: formatVnpayDate(now),
    vnp_ResponseCode: outcome === 'pay' ? VNPAY_SUCCESS : VNPAY_CUSTOMER_CANCELLED,
    vnp_TmnCode: merchant.tmnCode,
    vnp_TransactionNo: outcome === 'pay' ? transactionNo : '0',
    vnp_TransactionStatus: outcome === 'pay' ? VNPAY_SUCCESS : '02',
    vnp_TxnRef: order.txnRef,
  };
  if (outcome === 'pay') params.vnp_BankTranNo = `VNP${transactionNo}`;
  const signed = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
  return { ...signed, vnp_SecureHash: vnpaySign(merchant.hashSecret, signed) };
}

/** Answers a merchant API call (QueryDR or refund) with a signed message, as VNPay's API does. */
export async function answerMerchantApi(
  merchant: VnpayMerchant,
  body: unknown,
  store: SandboxStore,
  now: Date,
  responseId: string,
): Promise<MerchantMessage> {
  const message = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const command = typeof message.vnp_Command === 'string' ? message.vnp_Command : '';
  const base = { vnp_ResponseId: responseId, vnp_Command: command, vnp_TmnCode: merchant.tmnCode };
  const fail = (fields: readonly string[], code: string, text: string) =>
    signMerchantMessage(merchant.hashSecret, fields, { ...base, vnp_ResponseCode: code, vnp_Message: text });
  if (command !== 'querydr' && command !== 'refund') return fail(QUERYDR_RESPONSE_FIELDS, '03', 'Invalid command');
  const responseFields = command === 'querydr' ? QUERYDR_RESPONSE_FIELDS : REFUND_RESPONSE_FIELDS;
  const requestFields = command === 'querydr' ? QUERYDR_REQUEST_FIELDS : REFUND_REQUEST_FIELDS;
  if (!verifyMerchantMessage(merchant.hashSecret, requestFields, message)) {
    return fail(responseFields, '97', 'Invalid Checksum');
  }
  if (message.vnp_TmnCode !== merchant.tmnCode) return fail(responseFields, '02', 'Invalid TmnCode');
  const txnRef = typeof message.vnp_TxnRef === 'string' ? message.vnp_TxnRef : '';
  const found = await store.find(merchant.tmnCode, txnRef);
  if (!found) return fail(responseFields, '91', 'Transaction not found');
  const transaction = {
    ...base,
    vnp_TxnRef: found.txnRef,
    vnp_Amount: found.amount,
    vnp_BankCode: found.bankCode,
    vnp_PayDate: found.payDate,
    vnp_TransactionNo: found.transactionNo,
    vnp_OrderInfo: found.orderInfo,
  };
  if (command === 'querydr') {
    const status =
      found.refunded > 0 ? (found.refunded >= Number(found.amount) ? '06' : '05') : found.transactionStatus;
    return signMerchantMessage(merchant.hashSecret, QUERYDR_RESPONSE_FIELDS, {
      ...transaction,
      vnp_ResponseCode: VNPAY_SUCCESS,
      vnp_Message: 'QueryDR Success',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: status,
    });
  }
  const amount = typeof message.vnp_Amount === 'string' ? message.vnp_Amount : String(message.vnp_Amount ?? '');
  const requestId = typeof message.vnp_RequestId === 'string' ? message.vnp_RequestId : '';
  if (found.transactionStatus !== VNPAY_SUCCESS) return fail(responseFields, '95', 'Transaction was not successful');
  if (!/^\d+$/.test(amount) || Number(amount) <= 0 || Number(amount) + found.refunded > Number(found.amount)) {
    return fail(responseFields, '93', 'Invalid refund amount');
  }
  if ((await store.addRefund(merchant.tmnCode, found.txnRef, requestId, Number(amount))) === 'duplicate') {
    return fail(responseFields, '94', 'Duplicate request');
  }
  return signMerchantMessage(merchant.hashSecret, REFUND_RESPONSE_FIELDS, {
    ...transaction,
    vnp_Amount: amount,
    vnp_ResponseCode: VNPAY_SUCCESS,
    vnp_Message: 'Refund success',
    vnp_PayDate: formatVnpayDate(now),
    vnp_TransactionType: typeof message.vnp_TransactionType === 'string' ? message.vnp_TransactionType : '02',
    vnp_TransactionStatus: VNPAY_SUCCESS,
  });
}
