import { Provider } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PostalCarrier, SandboxPostalCarrier } from '@motcua/integrations';
import { DataSource } from 'typeorm';

export const POSTAL_CARRIER = Symbol('POSTAL_CARRIER');

/** The configured postal carrier (POSTAL_CARRIER; `sandbox` is the embedded carrier). */
export const postalCarrierProvider: Provider = {
  provide: POSTAL_CARRIER,
  inject: [MotcuaConfig, DataSource],
  useFactory: (config: MotcuaConfig, dataSource: DataSource): PostalCarrier =>
    new SandboxPostalCarrier(dataSource, config.POSTAL_WEBHOOK_SECRET, config.POSTAL_WEBHOOK_TOLERANCE_SECONDS),
};
