import { isFinalDossierStatus } from '@motcua/domain';
import { endPaymentRequest, requestRefund } from '@motcua/application';
import { PaymentRepository } from '@motcua/persistence';
import { writeOutbox } from '@motcua/platform';
import { openPaymentRequestJob } from '@motcua/queues';
import { dispatchToAgencyQueue } from './agency-queue.dispatch';
import { StepHandler } from './step-handler';

/** Reason written on the cancellation / refund records of a dossier that ended, by its status. */
const END_REASONS: Record<string, string> = {
  refused: 'dossier-refused',
  withdrawn: 'dossier-withdrawn',
  stopped: 'dossier-stopped',
};

/**
 * The fee step: the dossier awaits payment while it is open. `start` asks the payment service to open the step's
 * payment request (fee assessment, expiry, gateway: outbox job, deduplicated per step run); the payment service
 * completes the step when the request is paid (desk, IPN, reconciliation), which moves the dossier back to
 * processing. `cancel` (the dossier ended, a branch was cut) cancels the step's pending request in the routing
 * transaction and, when the dossier ended, records the refund of a payment already received (the payment
 * service's reconciliation pass is only the backstop).
 */
export const paymentStepHandler: StepHandler = {
  kind: 'payment',
  clockEffect: 'agency-time',
  async beforeStarted(context) {
    await context.transition('request-payment');
  },
  async start(context, run) {
    await dispatchToAgencyQueue(context, run);
    await writeOutbox(context.manager, [openPaymentRequestJob(run.task.id)]);
  },
  async complete(context, _task, outcome) {
    if (outcome === 'approve') await context.transition('payment-received');
  },
  async cancel(context, task, cause) {
    const status = context.dossier.status;
    const reason = END_REASONS[status] ?? (isFinalDossierStatus(status) ? 'dossier-ended' : 'step-cancelled');
    const payments = new PaymentRepository(context.manager);
    for (const request of await payments.listForDossier(context.dossier.id)) {
      if (request.stepTaskId !== task.id) continue;
      if (request.status === 'pending') {
        await endPaymentRequest(context.manager, {
          requestId: request.id,
          status: 'cancelled',
          reason,
          now: cause.occurredAt,
        });
      } else if (request.paidAt && isFinalDossierStatus(status)) {
        await requestRefund(context.manager, { paymentRequestId: request.id, reason, now: cause.occurredAt });
      }
    }
  },
};
