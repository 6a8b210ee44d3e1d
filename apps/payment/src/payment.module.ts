import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule } from '@motcua/platform';
import { PAYMENT_QUEUE } from '@motcua/queues';
import { ExpirePaymentRequestUseCase } from './expire-payment-request.use-case';
import { OpenPaymentRequestUseCase } from './open-payment-request.use-case';
import { paymentGatewayProvider } from './payment-gateway.provider';
import { PaymentProcessor } from './payment.processor';
import { PaymentReconcileScheduler } from './payment-reconcile.scheduler';
import { ReconcilePaymentsUseCase } from './reconcile-payments.use-case';
import { SendRefundUseCase } from './send-refund.use-case';
import { SettleFromGatewayUseCase } from './settle-from-gateway.use-case';

/** The payment service: consumes the `payment` queue (requests, expiry, reconciliation, refunds). */
@Module({
  imports: [BullModule.registerQueue({ name: PAYMENT_QUEUE.name })],
  providers: [
    paymentGatewayProvider,
    OpenPaymentRequestUseCase,
    ExpirePaymentRequestUseCase,
    SettleFromGatewayUseCase,
    ReconcilePaymentsUseCase,
    SendRefundUseCase,
    PaymentProcessor,
    PaymentReconcileScheduler,
  ],
  exports: [ReconcilePaymentsUseCase, SendRefundUseCase],
})
export class PaymentFeatureModule {}

@Module({})
export class PaymentModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: PaymentModule,
      imports: [PlatformModule.forRoot({ config, outboxRelay: true }), PaymentFeatureModule],
    };
  }
}
