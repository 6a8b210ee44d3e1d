import { Inject, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { AgencyConnectorRegistry } from './agency-connector.registry';
import { SandboxAgencyConnector } from './sandbox-agency.connector';

/**
 * Provides the `AgencyConnectorRegistry` (and its sandbox) to a worker app. Real adapters are registered here by
 * name as they arrive (one line each), configured from `MotcuaConfig`.
 */
@Module({
  providers: [
    {
      provide: SandboxAgencyConnector,
      inject: [MotcuaConfig],
      useFactory: (config: MotcuaConfig) =>
        new SandboxAgencyConnector({
          latencyMs: config.SIMULATED_CONNECTOR_LATENCY_MS,
          failurePercent: config.SIMULATED_CONNECTOR_FAILURE_PERCENT,
        }),
    },
    {
      provide: AgencyConnectorRegistry,
      inject: [SandboxAgencyConnector],
      useFactory: (sandbox: SandboxAgencyConnector) => new AgencyConnectorRegistry(sandbox),
    },
  ],
  exports: [AgencyConnectorRegistry, SandboxAgencyConnector],
})
export class AgencyConnectorsModule {
  constructor(@Inject(AgencyConnectorRegistry) readonly registry: AgencyConnectorRegistry) {}
}
