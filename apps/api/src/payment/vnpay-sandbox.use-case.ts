import { Inject, Injectable, Logger } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import {
  answerMerchantApi,
  checkPayPage,
  sandboxCallbackParams,
  VNPAY_SANDBOX_PAY_PATH,
  VnpayMerchant,
  vnpayMerchantFromConfig,
  vnpaySandboxIpnUrl,
} from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { VnpaySandboxStore } from './vnpay-sandbox.store';

/** A refusal of the sandbox gateway, with VNPay's error code and where the payer may go back. */
export interface SandboxRefusal {
  code: string;
  message: string;
  returnUrl?: string;
}

/** What the gateway's payment page shows (the web page `/app/sandbox/vnpay` renders it) and posts back. */
export interface SandboxPayPage {
  order: { txnRef: string; orderInfo: string; amountVnd: number; expireDate: string };
  /** The signed pay-URL parameters, posted back with the payer's choice. */
  fields: Record<string, string>;
  action: string;
}

export type SandboxAnswer<T> = { status: 200; body: T } | { status: 400 | 409; body: SandboxRefusal };
export type SandboxSubmitResult = { redirect: string } | { status: 400 | 409; body: SandboxRefusal };

/**
 * The embedded VNPay sandbox gateway (VNPAY_SANDBOX_ENABLED): the payment page a person or a browser test uses,
 * the IPN call to the merchant signed like VNPay's, the browser redirect to the return URL, and the merchant API
 * (QueryDR, refund). It is "the gateway", so it only knows the merchant's code and secret, never the payments tables.
 */
@Injectable()
export class VnpaySandboxUseCase {
  private readonly logger = new Logger('VnpaySandbox');
  private readonly merchant: VnpayMerchant;
  private readonly store: VnpaySandboxStore;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {
    this.merchant = vnpayMerchantFromConfig(config);
    this.store = new VnpaySandboxStore(dataSource);
  }

  /** The order behind a pay URL, once its signature, merchant, amount and expiry are checked. */
  page(query: Record<string, unknown>): SandboxAnswer<SandboxPayPage> {
    const check = checkPayPage(this.merchant, query, this.clock.now());
    if (!check.ok) return { status: 400, body: refusal(check.code, check.message, check.returnUrl) };
    const fields = Object.fromEntries(
      Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    const { txnRef, orderInfo, amountVnd, expireDate } = check.order;
    return {
      status: 200,
      body: { order: { txnRef, orderInfo, amountVnd, expireDate }, fields, action: VNPAY_SANDBOX_PAY_PATH },
    };
  }

  /** The payer clicked pay or cancel: record it, notify the merchant (IPN), send the browser to the return URL. */
  async submit(body: Record<string, unknown>): Promise<SandboxSubmitResult> {
    const { outcome, ...fields } = body;
    if (outcome !== 'pay' && outcome !== 'cancel') {
      return { status: 400, body: refusal('03', 'Thiếu lựa chọn thanh toán hoặc hủy') };
    }
    const now = this.clock.now();
    const check = checkPayPage(this.merchant, fields, now);
    if (!check.ok) return { status: 400, body: refusal(check.code, check.message, check.returnUrl) };
    const transactionNo = await this.store.nextTransactionNo();
    const params = sandboxCallbackParams(this.merchant, check.order, outcome, transactionNo, now);
    const recorded = await this.store.recordOutcome({
      tmnCode: check.order.tmnCode,
      txnRef: check.order.txnRef,
      amount: check.order.amount,
      orderInfo: check.order.orderInfo,
      orderCreateDate: check.order.createDate,
      transactionStatus: outcome === 'pay' ? '00' : '02',
      transactionNo: outcome === 'pay' ? transactionNo : '0',
      bankCode: params.vnp_BankCode,
      payDate: params.vnp_PayDate,
    });
    if (recorded === 'duplicate') {
      return { status: 409, body: refusal('94', 'Giao dịch này đã được thanh toán', check.order.returnUrl) };
    }
    await this.notifyMerchant(params);
    const target = new URL(check.order.returnUrl);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    return { redirect: target.toString() };
  }

  async merchantApi(body: unknown): Promise<Record<string, string>> {
    return answerMerchantApi(this.merchant, body, this.store, this.clock.now(), randomUUID().replace(/-/g, ''));
  }

  /** Calls the merchant's IPN URL like VNPay (GET with the signed parameters); a failure is logged, not retried. */
  private async notifyMerchant(params: Record<string, string>): Promise<void> {
    const url = new URL(vnpaySandboxIpnUrl(this.config));
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
      const answer = (await response.json().catch(() => null)) as { RspCode?: string } | null;
      this.logger.log(`IPN ${params.vnp_TxnRef} answered ${answer?.RspCode ?? `HTTP ${response.status}`}`);
    } catch (error) {
      this.logger.warn(`IPN ${params.vnp_TxnRef} not delivered: ${error instanceof Error ? error.message : error}`);
    }
  }
}

function refusal(code: string, message: string, returnUrl?: string): SandboxRefusal {
  return { code, message, ...(returnUrl ? { returnUrl } : {}) };
}
