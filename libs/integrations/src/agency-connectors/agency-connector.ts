/** What an agency system is asked to do for one connector step. */
export interface ConnectorRequest {
  /** The step's `connector` name in the process definition (e.g. `tax-transfer-levy`). */
  connector: string;
  stepTaskId: string;
  dossierId: string;
  stepId: string;
  attempt: number;
}

export interface ConnectorResult {
  outcome: 'approve' | 'return' | 'refuse';
  comment?: string;
}

/**
 * An adapter to one agency system (e.g. the tax office computing a land levy). Throwing means "failed, retry
 * with backoff"; after the step's `maxAttempts` the step is dead-lettered for a supervisor.
 */
export interface AgencyConnector {
  call(request: ConnectorRequest): Promise<ConnectorResult>;
}
