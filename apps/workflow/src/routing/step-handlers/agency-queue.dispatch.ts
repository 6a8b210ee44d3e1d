import { writeOutbox } from '@motcua/platform';
import { stepJob } from '@motcua/queues';
import { RoutingContext } from '../routing-context';
import { StartedStepRun } from './step-handler';

/**
 * Announces a started step on its agency's queue (`agency.<identifier>`): the inbox for people, the connector
 * worker for agency systems. Outbox row in the routing transaction, deduplicated by the step's business key.
 */
export async function dispatchToAgencyQueue(context: RoutingContext, run: StartedStepRun): Promise<void> {
  await writeOutbox(context.manager, [
    stepJob(run.agency.identifier, run.task.id, {
      dossierId: context.dossier.id,
      stepId: run.task.stepId,
      attempt: run.task.attempt,
      branchKey: run.task.branchKey,
    }),
  ]);
}
