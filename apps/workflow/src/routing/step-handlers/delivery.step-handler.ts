import { canTransition } from '@motcua/domain';
import { stopClockIfRunning } from '@motcua/application';
import type { PostalCarrier } from '@motcua/integrations';
import type { EntityManager } from 'typeorm';
import { StartDeliveryUseCase } from '../delivery/start-delivery.use-case';
import { dispatchToAgencyQueue } from './agency-queue.dispatch';
import { StepHandler } from './step-handler';

/**
 * Returning the result: the result exists once it is handed to the delivery step (result-ready at start, returned
 * when the step finishes). Processing ends with the result (the national on-time indicator's "processed"): the
 * dossier's clock stops here and its timers are disarmed in the same transaction; delivery time runs on the
 * delivery step's own clock. `start` opens the delivery per the chosen return channel (desk, online download, or
 * a postal shipment with the carrier, idempotent per step); `cancel` cancels an open delivery of the step.
 */
export function deliveryStepHandler(carrierFor: (manager: EntityManager) => PostalCarrier): StepHandler {
  return {
    kind: 'delivery',
    clockEffect: 'agency-time',
    async beforeStarted(context, run) {
      if (!canTransition(context.dossier.status, 'result-ready')) return;
      await context.transition('result-ready');
      await context.append(run.cause, 'result-ready', { result: 'result-ready', deliveryStepId: run.action.stepId });
      await stopClockIfRunning(
        context.manager,
        { dossierId: context.dossier.id, at: run.cause.occurredAt, reason: 'result-ready' },
        run.cause.occurredAt,
      );
    },
    async start(context, run) {
      await dispatchToAgencyQueue(context, run);
      // The carrier is the embedded sandbox, which writes its own store on its own connection (idempotent per
      // delivery step, so a retried routing job finds the same tracking number).
      const deliveries = new StartDeliveryUseCase(carrierFor(context.manager));
      const shipment = await deliveries.prepare(context.manager, run.task.id);
      await deliveries.start(context.manager, run.task.id, shipment, run.cause.occurredAt);
    },
    async cancel(context, task, cause, reason) {
      await new StartDeliveryUseCase(carrierFor(context.manager)).cancel(
        context.manager,
        task.id,
        reason,
        cause.occurredAt,
      );
    },
  };
}
