import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { AgencyConnector, ConnectorRequest, ConnectorResult } from './agency-connector';

export interface SimulatedConnectorSettings {
  latencyMs: number;
  /** 0–100. */
  failurePercent: number;
}

/**
 * Stands in for every agency system in demos and tests: waits `latencyMs`, then fails `failurePercent`% of calls
 * (0 never, 100 always) or approves. Settings come from config and can be changed at run time (tests, demos).
 */
@Injectable()
export class SimulatedConnector implements AgencyConnector {
  private settings: SimulatedConnectorSettings;
  calls = 0;

  constructor(@Inject(MotcuaConfig) config: MotcuaConfig) {
    this.settings = {
      latencyMs: config.SIMULATED_CONNECTOR_LATENCY_MS,
      failurePercent: config.SIMULATED_CONNECTOR_FAILURE_PERCENT,
    };
  }

  configure(settings: Partial<SimulatedConnectorSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  async call(request: ConnectorRequest): Promise<ConnectorResult> {
    this.calls++;
    if (this.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
    if (this.settings.failurePercent >= 100 || Math.random() * 100 < this.settings.failurePercent) {
      throw new Error(
        `simulated connector '${request.connector}' failed (step ${request.stepId}, attempt ${request.attempt})`,
      );
    }
    return { outcome: 'approve', comment: `simulated ${request.connector}: done` };
  }
}
