import { AgencyConnector, ConnectorRequest, ConnectorResult } from './agency-connector';

export interface SandboxAgencyConnectorSettings {
  latencyMs: number;
  /** 0–100. */
  failurePercent: number;
}

/**
 * The embedded sandbox: stands in for every agency system that has no real adapter configured (demos, tests,
 * offline installs). Waits `latencyMs`, then fails `failurePercent`% of calls (0 never, 100 always) or approves.
 * Settings come from config (`SIMULATED_CONNECTOR_*`) and can be changed at run time (tests, demos).
 */
export class SandboxAgencyConnector implements AgencyConnector {
  private settings: SandboxAgencyConnectorSettings;
  calls = 0;

  constructor(settings: SandboxAgencyConnectorSettings) {
    this.settings = { ...settings };
  }

  configure(settings: Partial<SandboxAgencyConnectorSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  async call(request: ConnectorRequest): Promise<ConnectorResult> {
    this.calls++;
    if (this.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
    if (this.settings.failurePercent >= 100 || Math.random() * 100 < this.settings.failurePercent) {
      throw new Error(
        `sandbox connector '${request.connector}' failed (step ${request.stepId}, attempt ${request.attempt})`,
      );
    }
    return { outcome: 'approve', comment: `sandbox ${request.connector}: done` };
  }
}
