import { Provider } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { createPaymentGateway, PAYMENT_GATEWAY } from '@motcua/integrations';

/** The configured gateway: VNPay 2.1.0 (real, or the embedded sandbox by default). */
export const paymentGatewayProvider: Provider = {
  provide: PAYMENT_GATEWAY,
  inject: [MotcuaConfig],
  useFactory: (config: MotcuaConfig) => createPaymentGateway(config),
};
