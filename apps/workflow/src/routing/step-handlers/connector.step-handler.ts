import { dispatchToAgencyQueue } from './agency-queue.dispatch';
import { StepHandler } from './step-handler';

/**
 * An agency system called by the connector worker of the agency's queue, through the adapter registered under the
 * step's `connector` name (`@motcua/integrations`); retries with backoff, then a dead letter.
 */
export const connectorStepHandler: StepHandler = {
  kind: 'connector',
  clockEffect: 'agency-time',
  async beforeStarted(context) {
    if (context.dossier.status === 'received') await context.transition('start-processing');
  },
  start: dispatchToAgencyQueue,
  // The worker re-reads the step before calling the system and skips a cancelled run.
  async cancel() {},
};
