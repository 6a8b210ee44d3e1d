import { StepHandler } from '../step-handler';

/**
 * A test-only step kind (issue 9 acceptance 2): stamps the dossier with a 'stamped' event when it starts and has no
 * clock of its own. Added by this one file plus one registration line (see test-only-step-kind.integration-spec.ts).
 */
export const stampStepHandler: StepHandler = {
  kind: 'stamp',
  clockEffect: 'none',
  async start(context, run) {
    await context.append(run.cause, 'stamped', { stepTaskId: run.task.id, stepId: run.task.stepId });
  },
  async cancel() {},
};
