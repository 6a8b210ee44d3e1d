import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError } from '@motcua/domain';
import { PAYMENT_GATEWAY, PaymentGateway, vnpayReturnUrl } from '@motcua/integrations';
import { hashLookupSecret, PaymentRepository } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OnlinePaymentDto } from './dto/payment-response.dto';

const ABSENT_HASH = '0'.repeat(64);

/**
 * Citizens pay from the lookup (dossier code + receipt secret, no account): a gateway payment URL for the dossier's
 * open request. Unknown code and wrong secret give the same 404.
 */
@Injectable()
export class CitizenPaymentUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  async startOnline(code: string, secret: string, clientIp: string): Promise<OnlinePaymentDto> {
    const [row]: Array<{ id: string; lookup_secret_hash: string }> = await this.dataSource.query(
      `SELECT id, lookup_secret_hash FROM dossier WHERE code = $1`,
      [code],
    );
    const expected = Buffer.from(row?.lookup_secret_hash ?? ABSENT_HASH, 'utf8');
    const given = Buffer.from(hashLookupSecret(secret.replace(/[\s-]/g, '')), 'utf8');
    if (!row || !(expected.length === given.length && timingSafeEqual(expected, given))) {
      throw new DomainError('dossier.lookup-not-found', 'No dossier with this code and secret', 'not-found');
    }
    const payments = new PaymentRepository(this.dataSource.manager);
    const request = await payments.pendingForDossier(row.id);
    const now = this.clock.now();
    if (!request) {
      throw new DomainError('payment.no-open-request', 'The dossier has no open payment request', 'conflict');
    }
    if (now.getTime() > request.expiresAt.getTime()) {
      throw new DomainError(
        'payment.expired',
        'The payment request has expired; ask the desk to re-issue it',
        'conflict',
      );
    }
    const paymentUrl = this.gateway.createPaymentUrl({
      txnRef: request.txnRef,
      amountVnd: request.amount,
      orderInfo: `Thanh toan phi le phi ho so ${code}`,
      returnUrl: vnpayReturnUrl(this.config),
      clientIp: /^[0-9a-fA-F.:]{2,45}$/.test(clientIp) ? clientIp : '127.0.0.1',
      createdAt: now,
      expiresAt: request.expiresAt,
    });
    // QueryDR needs the pay URL's creation date (vnp_TransactionDate): the latest URL is the one being paid.
    await payments.setOnlineStarted(request.id, now);
    return { paymentUrl, txnRef: request.txnRef, amount: request.amount, expiresAt: request.expiresAt.toISOString() };
  }
}
