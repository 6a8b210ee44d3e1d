import { formatVnpayDate } from './vnpay-date';
import {
  GatewayNotification,
  OnlinePaymentOrder,
  PaymentGateway,
  RefundOrder,
  RefundResult,
  TransactionQuery,
  TransactionQueryResult,
} from './payment-gateway';
import {
  isVnpayPaid,
  MerchantMessage,
  parseVnpayCallback,
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  signMerchantMessage,
  verifyMerchantMessage,
  VNPAY_SUCCESS,
  VNPAY_VERSION,
  VnpayMerchant,
  vnpayPaymentUrl,
} from './vnpay-protocol';

/** Answer codes of the merchant API: transaction not found. */
const VNPAY_API_NOT_FOUND = '91';

/** VNPay 2.1.0 adapter (the real gateway, or the embedded sandbox that speaks the same protocol). */
export class VnpayGateway implements PaymentGateway {
  readonly id = 'vnpay' as const;

  constructor(
    private readonly merchant: VnpayMerchant,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly timeoutMs = 10000,
  ) {}

  createPaymentUrl(order: OnlinePaymentOrder): string {
    return vnpayPaymentUrl(this.merchant, order);
  }

  readNotification(query: Record<string, unknown>): GatewayNotification {
    const callback = parseVnpayCallback(this.merchant.hashSecret, query);
    return {
      verified: callback.verified,
      merchantCode: callback.tmnCode,
      txnRef: callback.txnRef,
      amountVnd: callback.amountVnd,
      paid: isVnpayPaid(callback),
      responseCode: callback.responseCode,
      transactionNo: callback.transactionNo,
      bankCode: callback.bankCode,
      payDate: callback.payDate,
    };
  }

  async queryTransaction(query: TransactionQuery): Promise<TransactionQueryResult> {
    const request = signMerchantMessage(this.merchant.hashSecret, QUERYDR_REQUEST_FIELDS, {
      vnp_RequestId: query.requestId,
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.merchant.tmnCode,
      vnp_TxnRef: query.txnRef,
      vnp_OrderInfo: `Truy van giao dich ${query.txnRef}`,
      vnp_TransactionDate: formatVnpayDate(query.orderCreatedAt),
      vnp_CreateDate: formatVnpayDate(query.now),
      vnp_IpAddr: query.clientIp,
    });
    const answer = await this.post(request);
    const verified = verifyMerchantMessage(this.merchant.hashSecret, QUERYDR_RESPONSE_FIELDS, answer);
    const responseCode = stringField(answer, 'vnp_ResponseCode');
    const amount = stringField(answer, 'vnp_Amount');
    const transactionStatus = stringField(answer, 'vnp_TransactionStatus');
    const status: TransactionQueryResult['status'] =
      responseCode === VNPAY_API_NOT_FOUND
        ? 'not-found'
        : responseCode !== VNPAY_SUCCESS
          ? 'pending'
          : transactionStatus === VNPAY_SUCCESS
            ? 'paid'
            : transactionStatus === '05' || transactionStatus === '06'
              ? 'refunded'
              : transactionStatus === '01'
                ? 'pending'
                : 'failed';
    return {
      verified,
      status,
      amountVnd: amount && /^\d+$/.test(amount) && Number(amount) % 100 === 0 ? Number(amount) / 100 : null,
      transactionNo: stringField(answer, 'vnp_TransactionNo'),
      bankCode: stringField(answer, 'vnp_BankCode'),
      payDate: stringField(answer, 'vnp_PayDate'),
      responseCode,
    };
  }

  async refund(order: RefundOrder): Promise<RefundResult> {
    const request = signMerchantMessage(this.merchant.hashSecret, REFUND_REQUEST_FIELDS, {
      vnp_RequestId: order.requestId,
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.merchant.tmnCode,
      // 02 full refund, 03 partial refund
      vnp_TransactionType: order.full ? '02' : '03',
      vnp_TxnRef: order.txnRef,
      vnp_Amount: String(order.amountVnd * 100),
      vnp_TransactionNo: order.transactionNo ?? '0',
      vnp_TransactionDate: formatVnpayDate(order.orderCreatedAt),
      vnp_CreateBy: order.createdBy,
      vnp_CreateDate: formatVnpayDate(order.now),
      vnp_IpAddr: order.clientIp,
      vnp_OrderInfo: order.reason,
    });
    const answer = await this.post(request);
    const responseCode = stringField(answer, 'vnp_ResponseCode');
    const verified = verifyMerchantMessage(this.merchant.hashSecret, REFUND_RESPONSE_FIELDS, answer);
    return {
      verified,
      accepted: verified && responseCode === VNPAY_SUCCESS,
      responseCode,
      message: stringField(answer, 'vnp_Message'),
    };
  }

  private async post(message: MerchantMessage): Promise<unknown> {
    const response = await this.fetchImpl(this.merchant.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`VNPay merchant API answered HTTP ${response.status}`);
    return response.json();
  }
}

function stringField(answer: unknown, field: string): string | null {
  if (!answer || typeof answer !== 'object') return null;
  const value = (answer as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}
