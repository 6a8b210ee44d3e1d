import { AgencyConnector } from './agency-connector';
import { SandboxAgencyConnector } from './sandbox-agency.connector';

/**
 * Agency connectors keyed by the step's `connector` name (the process definition names the system, e.g.
 * `tax-transfer-levy`). A name with no registered adapter is served by the embedded sandbox, so demos and tests
 * run offline and production swaps configuration (registrations) only.
 */
export class AgencyConnectorRegistry {
  private readonly adapters = new Map<string, AgencyConnector>();

  constructor(readonly sandbox: SandboxAgencyConnector) {}

  register(name: string, connector: AgencyConnector): this {
    if (this.adapters.has(name)) throw new Error(`agency connector '${name}' is registered twice`);
    this.adapters.set(name, connector);
    return this;
  }

  connectorFor(name: string): AgencyConnector {
    return this.adapters.get(name) ?? this.sandbox;
  }

  /** Names with a real adapter (every other name goes to the sandbox). */
  registeredNames(): string[] {
    return [...this.adapters.keys()].sort();
  }
}
