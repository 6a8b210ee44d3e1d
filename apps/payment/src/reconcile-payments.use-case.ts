import { Inject, Injectable, Logger } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { ClockService } from '@motcua/platform';
import { PaymentRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { SettleFromGatewayUseCase } from './settle-from-gateway.use-case';
import { endPaymentRequest, requestRefund } from '@motcua/application';

export interface ReconcileResult {
  queried: number;
  settled: number;
  expired: number;
  cancelled: number;
  refundsRequested: number;
  errors: number;
}

const BATCH = 100;

/** Reason written on refund and cancellation records of a dossier that ended, by its status. */
const END_REASONS: Record<string, string> = {
  refused: 'dossier-refused',
  withdrawn: 'dossier-withdrawn',
  stopped: 'dossier-stopped',
};

/**
 * The repeatable reconciliation pass (`reconcile.v1`), safe to run twice or concurrently (every write is a
 * conditional update or an insert guarded by a unique key):
 * 1. pending online requests older than PAYMENT_QUERY_AFTER_MS: QueryDR, settle the paid ones (lost IPN);
 * 2. pending requests past expiry: settle if paid at the gateway, else expire (backstop of the delayed job);
 * 3. dossiers that ended without a result: cancel their pending request, create the refund record of a payment.
 */
@Injectable()
export class ReconcilePaymentsUseCase {
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(SettleFromGatewayUseCase) private readonly gateway: SettleFromGatewayUseCase,
  ) {}

  async run(): Promise<ReconcileResult> {
    await this.clock.refresh();
    const result: ReconcileResult = {
      queried: 0,
      settled: 0,
      expired: 0,
      cancelled: 0,
      refundsRequested: 0,
      errors: 0,
    };
    const payments = new PaymentRepository(this.dataSource.manager);
    const now = this.clock.now();
    const stale = await payments.stalePendingOnline(
      new Date(now.getTime() - this.config.PAYMENT_QUERY_AFTER_MS),
      BATCH,
    );
    for (const request of stale) {
      result.queried++;
      try {
        const answer = await this.gateway.query(request);
        if (answer === 'paid') result.settled++;
      } catch (error) {
        result.errors++;
        this.logger.warn(`QueryDR ${request.txnRef}: ${error instanceof Error ? error.message : error}`);
      }
    }
    for (const request of await payments.overduePending(this.clock.now(), BATCH)) {
      try {
        const outcome = await this.gateway.expireOrSettle(request);
        if (outcome === 'expired') result.expired++;
        if (outcome === 'paid') result.settled++;
      } catch {
        result.errors++;
      }
    }
    for (const request of await payments.pendingOfEndedDossiers(BATCH)) {
      const [dossier] = await this.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [request.dossierId]);
      const ended = await this.dataSource.transaction((manager) =>
        endPaymentRequest(manager, {
          requestId: request.id,
          status: 'cancelled',
          reason: END_REASONS[dossier?.status] ?? 'dossier-ended',
          now: this.clock.now(),
        }),
      );
      if (ended) result.cancelled++;
    }
    for (const request of await payments.paidWithoutRefundOfEndedDossiers(BATCH)) {
      const [dossier] = await this.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [request.dossierId]);
      const refund = await this.dataSource.transaction((manager) =>
        requestRefund(manager, {
          paymentRequestId: request.id,
          reason: END_REASONS[dossier?.status] ?? 'dossier-ended',
          now: this.clock.now(),
        }),
      );
      if (refund) result.refundsRequested++;
    }
    return result;
  }
}
