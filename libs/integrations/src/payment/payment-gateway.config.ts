import type { MotcuaConfig } from '@motcua/config';
import { PaymentGateway } from './payment-gateway';
import { VnpayMerchant } from './vnpay-protocol';
import { VnpayGateway } from './vnpay.gateway';

/** Base URL of this installation's API (PUBLIC_BASE_URL, or where the API listens). */
export function apiBaseUrl(config: MotcuaConfig): string {
  const base = config.PUBLIC_BASE_URL ?? `http://${config.HTTP_HOST}:${config.HTTP_PORT}`;
  return base.replace(/\/+$/, '');
}

/** Embedded sandbox paths (served by the API under /sandbox/vnpay, same paths as VNPay's hosts). */
export const VNPAY_SANDBOX_PAY_PATH = '/sandbox/vnpay/paymentv2/vpcpay.html';
export const VNPAY_SANDBOX_API_PATH = '/sandbox/vnpay/merchant_webapi/api/transaction';

/** The merchant settings: configured VNPay URLs, or the embedded sandbox on this API by default. */
export function vnpayMerchantFromConfig(config: MotcuaConfig): VnpayMerchant {
  const base = apiBaseUrl(config);
  return {
    tmnCode: config.VNPAY_TMN_CODE,
    hashSecret: config.VNPAY_HASH_SECRET,
    payUrl: config.VNPAY_PAY_URL ?? `${base}${VNPAY_SANDBOX_PAY_PATH}`,
    apiUrl: config.VNPAY_API_URL ?? `${base}${VNPAY_SANDBOX_API_PATH}`,
  };
}

export function vnpayReturnUrl(config: MotcuaConfig): string {
  return config.VNPAY_RETURN_URL ?? `${apiBaseUrl(config)}/payments/vnpay/return`;
}

export function vnpaySandboxIpnUrl(config: MotcuaConfig): string {
  return config.VNPAY_SANDBOX_IPN_URL ?? `${apiBaseUrl(config)}/payments/vnpay/ipn`;
}

/** The configured gateway: VNPay 2.1.0 (the real one, or the embedded sandbox by default). */
export function createPaymentGateway(config: MotcuaConfig): PaymentGateway {
  return new VnpayGateway(vnpayMerchantFromConfig(config));
}
