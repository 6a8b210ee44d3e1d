import { dispatchToAgencyQueue } from './agency-queue.dispatch';
import { StepHandler } from './step-handler';

/** A human step in an agency's inbox (appraise, approve, sign...). */
export const taskStepHandler: StepHandler = {
  kind: 'task',
  clockEffect: 'agency-time',
  async beforeStarted(context) {
    if (context.dossier.status === 'received') await context.transition('start-processing');
  },
  start: dispatchToAgencyQueue,
  // Nothing outside the step row to settle: the inbox reads step_task, where the run is now cancelled.
  async cancel() {},
};
