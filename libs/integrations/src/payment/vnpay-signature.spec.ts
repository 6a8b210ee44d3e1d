import { buildPaymentUrlSearchParams, hash, HashAlgorithm, VNPay } from 'vnpay';
import { formatVnpayDate, parseVnpayDate } from './vnpay-date';
import { parseVnpayCallback, vnpayPaymentParams, vnpayPaymentUrl, VnpayMerchant } from './vnpay-protocol';
import { sandboxCallbackParams, checkPayPage } from './vnpay-sandbox';
import { vnpaySign, vnpaySignedData, vnpayVerify } from './vnpay-signature';

const SECRET = 'SECRETKEYFORTESTVECTOR0123456789';
const merchant: VnpayMerchant = {
  tmnCode: 'MOTCUA01',
  hashSecret: SECRET,
  payUrl: 'http://127.0.0.1:3000/sandbox/vnpay/paymentv2/vpcpay.html',
  apiUrl: 'http://127.0.0.1:3000/sandbox/vnpay/merchant_webapi/api/transaction',
};

/** A known parameter set: 100,000 VND, created 2025-11-26 09:30:00 GMT+7, expiring 15 minutes later. */
const KNOWN = {
  vnp_Version: '2.1.0',
  vnp_Command: 'pay',
  vnp_TmnCode: 'MOTCUA01',
  vnp_Amount: '10000000',
  vnp_CurrCode: 'VND',
  vnp_TxnRef: 'PR20251126000001',
  vnp_OrderInfo: 'Thanh toan le phi ho so 000.00.12.H62-251126-0001',
  vnp_OrderType: 'other',
  vnp_Locale: 'vn',
  vnp_ReturnUrl: 'http://127.0.0.1:3000/payments/vnpay/return',
  vnp_IpAddr: '127.0.0.1',
  vnp_CreateDate: '20251126093000',
  vnp_ExpireDate: '20251126094500',
};
// Computed outside the code under test: `printf '%s' "<signed data>" | openssl dgst -sha512 -hmac "$SECRET"`.
const KNOWN_DATA =
  'vnp_Amount=10000000&vnp_Command=pay&vnp_CreateDate=20251126093000&vnp_CurrCode=VND&vnp_ExpireDate=20251126094500' +
  '&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+le+phi+ho+so+000.00.12.H62-251126-0001&vnp_OrderType=other' +
  '&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A3000%2Fpayments%2Fvnpay%2Freturn&vnp_TmnCode=MOTCUA01&vnp_TxnRef=PR20251126000001' +
  '&vnp_Version=2.1.0';
const KNOWN_HASH =
  '1c6a3abc85882db937a4196937905f3f0bccee808cef98d0c5c2258f5589653b07f7371017249005c78b17631c0da36a293f5ed4538f1d1ca2bb3dd09ece6abd';

describe('VNPay 2.1.0 signature', () => {
  it('signs a known parameter set to the expected HMAC-SHA512 hex (sorted, form-urlencoded, space → +)', () => {
    expect(vnpaySignedData(KNOWN)).toBe(KNOWN_DATA);
    expect(vnpaySign(SECRET, KNOWN)).toBe(KNOWN_HASH);
  });

  it('drops empty values and the hash fields from the signed data', () => {
    const withExtras = { ...KNOWN, vnp_BankCode: '', vnp_SecureHashType: 'HmacSHA512', vnp_SecureHash: 'x' };
    expect(vnpaySign(SECRET, withExtras)).toBe(KNOWN_HASH);
  });

  it('builds the known pay URL parameters from an order (amount × 100, GMT+7 dates)', () => {
    const params = vnpayPaymentParams(merchant, {
      txnRef: 'PR20251126000001',
      amountVnd: 100000,
      orderInfo: 'Thanh toan le phi ho so 000.00.12.H62-251126-0001',
      returnUrl: 'http://127.0.0.1:3000/payments/vnpay/return',
      clientIp: '127.0.0.1',
      createdAt: new Date('2025-11-26T02:30:00Z'),
      expiresAt: new Date('2025-11-26T02:45:00Z'),
    });
    expect(params).toEqual({ ...KNOWN, vnp_SecureHash: KNOWN_HASH });
  });

  it('refuses a fractional or non-positive amount', () => {
    const order = {
      txnRef: 'T',
      orderInfo: 'x',
      returnUrl: 'http://a/b',
      clientIp: '1.1.1.1',
      createdAt: new Date(),
      expiresAt: new Date(),
    };
    expect(() => vnpayPaymentParams(merchant, { ...order, amountVnd: 100.5 })).toThrow(/whole number/);
    expect(() => vnpayPaymentParams(merchant, { ...order, amountVnd: 0 })).toThrow(/whole number/);
  });

  it('rejects a tampered parameter, a wrong secret and repeated keys', () => {
    const signed = { ...KNOWN, vnp_SecureHash: KNOWN_HASH };
    expect(vnpayVerify(SECRET, signed)).toBe(true);
    expect(vnpayVerify(SECRET, { ...signed, vnp_SecureHash: KNOWN_HASH.toUpperCase() })).toBe(true);
    expect(vnpayVerify(SECRET, { ...signed, vnp_Amount: '10000100' })).toBe(false);
    expect(vnpayVerify('another-secret', signed)).toBe(false);
    expect(vnpayVerify(SECRET, { ...signed, vnp_TxnRef: ['PR20251126000001', 'X'] })).toBe(false);
    expect(vnpayVerify(SECRET, { ...KNOWN })).toBe(false);
  });

  it('formats and parses GMT+7 dates', () => {
    expect(formatVnpayDate(new Date('2025-12-31T17:59:59Z'))).toBe('20260101005959');
    expect(parseVnpayDate('20260101005959')?.toISOString()).toBe('2025-12-31T17:59:59.000Z');
    expect(parseVnpayDate('20261301000000')).toBeNull();
    expect(parseVnpayDate('2026')).toBeNull();
  });
});

describe('interoperability with the vnpay npm package (an independent client)', () => {
  const client = new VNPay({
    tmnCode: merchant.tmnCode,
    secureSecret: SECRET,
    vnpayHost: 'http://127.0.0.1:3000',
    testMode: true,
  });

  it('accepts an IPN built and signed by the vnpay package', () => {
    const ipn: Record<string, string> = {
      vnp_Amount: '5000000',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP14000001',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: 'Thanh toan le phi ho so 000.00.12.H62-251126-0007',
      vnp_PayDate: '20251126101500',
      vnp_ResponseCode: '00',
      vnp_TmnCode: merchant.tmnCode,
      vnp_TransactionNo: '14000001',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: 'PR-ABC-1',
    };
    const data = buildPaymentUrlSearchParams(ipn).toString();
    const query = { ...ipn, vnp_SecureHash: hash(SECRET, Buffer.from(data, 'utf-8'), HashAlgorithm.SHA512) };
    const callback = parseVnpayCallback(SECRET, query);
    expect(callback).toMatchObject({ verified: true, txnRef: 'PR-ABC-1', amountVnd: 50000, responseCode: '00' });
    expect(parseVnpayCallback(SECRET, { ...query, vnp_Amount: '5000100' }).verified).toBe(false);
  });

  it('verifies our pay URL and our sandbox IPN with the vnpay package', () => {
    const url = new URL(
      vnpayPaymentUrl(merchant, {
        txnRef: 'PR-ABC-2',
        amountVnd: 75000,
        orderInfo: 'Le phi cap ban sao',
        returnUrl: 'http://127.0.0.1:3000/payments/vnpay/return',
        clientIp: '10.0.0.7',
        createdAt: new Date('2025-11-26T02:30:00Z'),
        expiresAt: new Date('2025-11-26T02:45:00Z'),
      }),
    );
    const query = Object.fromEntries(url.searchParams.entries());
    expect(client.verifyReturnUrl(query as never).isVerified).toBe(true);
    const page = checkPayPage(merchant, query, new Date('2025-11-26T02:40:00Z'));
    if (!page.ok) throw new Error(`pay page refused: ${page.message}`);
    const ipn = sandboxCallbackParams(merchant, page.order, 'pay', '14000002', new Date('2025-11-26T02:41:00Z'));
    const verified = client.verifyIpnCall(ipn as never);
    expect(verified).toMatchObject({ isVerified: true, isSuccess: true, vnp_Amount: 75000, vnp_TxnRef: 'PR-ABC-2' });
  });

  it('refuses an expired or tampered pay URL on the sandbox page', () => {
    const params = vnpayPaymentParams(merchant, {
      txnRef: 'PR-ABC-3',
      amountVnd: 1000,
      orderInfo: 'x',
      returnUrl: 'http://127.0.0.1/r',
      clientIp: '1.1.1.1',
      createdAt: new Date('2025-11-26T02:30:00Z'),
      expiresAt: new Date('2025-11-26T02:45:00Z'),
    });
    expect(checkPayPage(merchant, params, new Date('2025-11-26T02:45:01Z'))).toMatchObject({ ok: false, code: '11' });
    expect(checkPayPage(merchant, { ...params, vnp_Amount: '100100' }, new Date('2025-11-26T02:31:00Z'))).toMatchObject(
      {
        ok: false,
        code: '70',
      },
    );
  });
});
