import { StepHandler } from './step-handler';

/**
 * A human step in an agency's inbox (appraise, approve, sign...). Starting it announces nothing on the agency
 * queue: the inbox reads step_task, and a `step.v1` job for a person was a no-op job (an outbox row, a relay
 * publish and a consuming transaction per step, issue 16). The step-started event is the announcement.
 */
export const taskStepHandler: StepHandler = {
  kind: 'task',
  clockEffect: 'agency-time',
  async beforeStarted(context) {
    if (context.dossier.status === 'received') await context.transition('start-processing');
  },
  async start() {},
  // Nothing outside the step row to settle: the inbox reads step_task, where the run is now cancelled.
  async cancel() {},
};
