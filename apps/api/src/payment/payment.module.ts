import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { createPaymentGateway, PAYMENT_GATEWAY } from '@motcua/integrations';
import { CitizenPaymentController } from './citizen-payment.controller';
import { CitizenPaymentUseCase } from './citizen-payment.use-case';
import { DossierPaymentsController } from './dossier-payments.controller';
import { DossierPaymentsUseCase } from './dossier-payments.use-case';
import { ReconciliationReportController } from './reconciliation-report.controller';
import { ReconciliationReportUseCase } from './reconciliation-report.use-case';
import { VnpayIpnController } from './vnpay-ipn.controller';
import { VnpayIpnUseCase } from './vnpay-ipn.use-case';
import { VnpayReturnController } from './vnpay-return.controller';
import { VnpaySandboxController } from './vnpay-sandbox.controller';
import { VnpaySandboxUseCase } from './vnpay-sandbox.use-case';

/** Payments over HTTP: desk payment, citizen online payment, gateway IPN/return, refunds, reports, the sandbox. */
@Module({})
export class PaymentModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: PaymentModule,
      controllers: [
        DossierPaymentsController,
        CitizenPaymentController,
        VnpayIpnController,
        VnpayReturnController,
        ReconciliationReportController,
        ...(config.VNPAY_SANDBOX_ENABLED ? [VnpaySandboxController] : []),
      ],
      providers: [
        { provide: PAYMENT_GATEWAY, inject: [MotcuaConfig], useFactory: createPaymentGateway },
        DossierPaymentsUseCase,
        CitizenPaymentUseCase,
        VnpayIpnUseCase,
        ReconciliationReportUseCase,
        VnpaySandboxUseCase,
      ],
    };
  }
}
