// File length: the payment request's whole lifecycle (open, re-issue, settle, desk payment, end) shares its event, clock-pause and expiry-job helpers; refunds are in refund-lifecycle.ts.
import {
  assessFees,
  clockResumeInstant,
  feeBasisOf,
  DeskPaymentMethod,
  DomainError,
  PAYMENT_PAUSE_REASON,
  paymentClockRule,
  paymentExpiryDedupeKey,
  paymentTxnRef,
} from '@motcua/domain';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  DossierEventActor,
  DossierRepository,
  loadClockEntries,
  lockDossierRow,
  PaymentRepository,
  PaymentRequestRecord,
  PaymentSettlement,
  ProcedureRepository,
  StepTaskRepository,
} from '@motcua/persistence';
import { appendDossierEvent, writeOutbox } from '@motcua/platform';
import type { OutboxEntry } from '@motcua/queues';
import { recordClockEntry } from '../clock/record-clock-entry.use-case';
import { syncDossierAppointment } from '../clock/sync-dossier-appointment.use-case';
import { completeStepTask } from '../steps/complete-step-task.use-case';

/**
 * Payment state changes, each in the caller's transaction with its dossier event (and outbox rows): the payment
 * service's use cases and the API's desk/IPN use cases call these. Lock order as everywhere: dossier row first.
 * Payment events do not wake routing (they are not routed); paying completes the payment step, whose
 * 'step-completed' event does.
 */

/**
 * Outbox entries of the payment queue, passed in by the apps (`PAYMENT_OUTBOX` of `@motcua/queues`): persistence
 * stays free of the queue runtime.
 */
export interface PaymentOutbox {
  expireRequest(paymentRequestId: string, expiresAt: Date): OutboxEntry;
  sendRefund(refundId: string): OutboxEntry;
}

async function lockDossier(manager: EntityManager, dossierId: string): Promise<void> {
  await lockDossierRow(manager, dossierId);
}

/** The request no longer waits for its expiry job: its outbox row is settled (a delayed job finds it consumed). */
async function settleExpiryJob(manager: EntityManager, requestId: string, at: Date): Promise<void> {
  await manager.query(`UPDATE outbox_message SET consumed_at = $2 WHERE dedupe_key = $1 AND consumed_at IS NULL`, [
    paymentExpiryDedupeKey(requestId),
    at,
  ]);
}

async function paymentEvent(
  manager: EntityManager,
  dossierId: string,
  type: string,
  payload: Record<string, unknown>,
  actor: DossierEventActor | null,
  at: Date,
): Promise<void> {
  await appendDossierEvent(manager, { dossierId, type, payload, actor, occurredAt: at });
}

export type OpenPaymentOutcome = 'opened' | 'waived' | 'already-open' | 'step-not-open';

/**
 * Opens the payment request of a started payment step: the fee assessed from the catalog rule (integer VND), a
 * request expiring at the step's deadline (its budget is the time allowed to pay), the 'payment-requested' event, a
 * clock pause when the rule set says waiting for payment does not count, and the delayed expiry job. A zero fee
 * (no fee, or an exempt applicant) completes the step at once with 'payment-waived'.
 */
export async function openPaymentRequest(
  manager: EntityManager,
  input: { stepTaskId: string; now: Date; outbox: PaymentOutbox },
): Promise<OpenPaymentOutcome> {
  const tasks = new StepTaskRepository(manager);
  const found = await tasks.findById(input.stepTaskId);
  if (!found) throw new DomainError('payment.unknown-step', `Step task ${input.stepTaskId} not found`, 'not-found');
  await lockDossier(manager, found.dossierId);
  const task = (await tasks.findById(found.id))!;
  if (task.kind !== 'payment') {
    throw new DomainError('payment.not-a-payment-step', `Step '${task.stepId}' is a ${task.kind} step`, 'invalid');
  }
  if (task.status !== 'open' && task.status !== 'claimed') return 'step-not-open';
  const payments = new PaymentRepository(manager);
  if (await payments.latestForStep(task.id)) return 'already-open';
  const dossier = (await new DossierRepository(manager).findById(task.dossierId))!;
  const procedure = (await new ProcedureRepository(manager).findById(dossier.procedureId))!;
  const assessment = assessFees(procedure.feeRule, feeBasisOf(dossier));
  if (assessment.total === 0) {
    await paymentEvent(
      manager,
      dossier.id,
      'payment-waived',
      { stepTaskId: task.id, feeLines: assessment.lines, reason: assessment.lines.length ? 'exempt' : 'no-fee' },
      null,
      input.now,
    );
    await completeStepTask(manager, {
      stepTaskId: task.id,
      agencyId: null,
      outcome: 'approve',
      comment: 'Không thu phí, lệ phí',
      actor: null,
      now: input.now,
    });
    return 'waived';
  }
  const id = randomUUID();
  const expiresAt = task.deadlineAt > input.now ? task.deadlineAt : new Date(input.now.getTime() + 24 * 3600 * 1000);
  await issueRequest(manager, {
    id,
    task: { id: task.id, dossierId: dossier.id },
    dossier: { agencyId: dossier.receivingAgencyId, procedureId: dossier.procedureId, ruleSetId: dossier.ruleSetId },
    issueNumber: 1,
    amount: assessment.total,
    lines: assessment.lines,
    now: input.now,
    expiresAt,
    actor: null,
    outbox: input.outbox,
  });
  return 'opened';
}

async function issueRequest(
  manager: EntityManager,
  input: {
    id: string;
    task: { id: string; dossierId: string };
    dossier: { agencyId: string; procedureId: string; ruleSetId: string };
    issueNumber: number;
    amount: number;
    lines: Awaited<ReturnType<PaymentRepository['feeLines']>>;
    now: Date;
    expiresAt: Date;
    actor: DossierEventActor | null;
    outbox: PaymentOutbox;
  },
): Promise<PaymentRequestRecord> {
  const payments = new PaymentRepository(manager);
  const txnRef = paymentTxnRef(input.id);
  await payments.insertRequest(
    {
      id: input.id,
      dossierId: input.task.dossierId,
      stepTaskId: input.task.id,
      agencyId: input.dossier.agencyId,
      procedureId: input.dossier.procedureId,
      issueNumber: input.issueNumber,
      txnRef,
      amount: input.amount,
      createdAt: input.now,
      expiresAt: input.expiresAt,
    },
    input.lines,
  );
  await paymentEvent(
    manager,
    input.task.dossierId,
    'payment-requested',
    {
      paymentRequestId: input.id,
      stepTaskId: input.task.id,
      issueNumber: input.issueNumber,
      txnRef,
      amount: input.amount,
      feeLines: input.lines,
      expiresAt: input.expiresAt.toISOString(),
    },
    input.actor,
    input.now,
  );
  const rule = paymentClockRule(input.dossier.ruleSetId);
  const entries = await loadClockEntries(manager, input.task.dossierId);
  const last = entries[entries.length - 1];
  if (rule.pausesClock && last && (last.type === 'start' || last.type === 'resume' || last.type === 'extend')) {
    await recordClockEntry(
      manager,
      {
        dossierId: input.task.dossierId,
        type: 'pause',
        at: input.now,
        reason: PAYMENT_PAUSE_REASON,
        party: 'applicant',
        legalBasis: rule.legalBasis,
      },
      input.now,
    );
  }
  await writeOutbox(manager, [input.outbox.expireRequest(input.id, input.expiresAt)]);
  return (await payments.findById(input.id))!;
}

/** Re-issues an expired request of a still-open payment step: a new request (new txnRef) for the same amount. */
export async function reissuePaymentRequest(
  manager: EntityManager,
  input: { dossierId: string; now: Date; actor: DossierEventActor; outbox: PaymentOutbox },
): Promise<PaymentRequestRecord> {
  await lockDossier(manager, input.dossierId);
  const payments = new PaymentRepository(manager);
  const requests = await payments.listForDossier(input.dossierId);
  const latest = requests[requests.length - 1];
  if (!latest || !latest.stepTaskId) {
    throw new DomainError('payment.no-request', 'The dossier has no payment request to re-issue', 'conflict');
  }
  if (latest.status !== 'expired') {
    throw new DomainError('payment.not-expired', `The latest payment request is ${latest.status}`, 'conflict');
  }
  const task = await new StepTaskRepository(manager).findById(latest.stepTaskId);
  if (!task || (task.status !== 'open' && task.status !== 'claimed')) {
    throw new DomainError('payment.step-closed', 'The payment step is no longer open', 'conflict');
  }
  const dossier = (await new DossierRepository(manager).findById(input.dossierId))!;
  const lifetime = Math.max(latest.expiresAt.getTime() - latest.createdAt.getTime(), 15 * 60 * 1000);
  return issueRequest(manager, {
    id: randomUUID(),
    task: { id: task.id, dossierId: input.dossierId },
    dossier: { agencyId: latest.agencyId, procedureId: latest.procedureId, ruleSetId: dossier.ruleSetId },
    issueNumber: latest.issueNumber + 1,
    amount: latest.amount,
    lines: await payments.feeLines(latest.id),
    now: input.now,
    expiresAt: new Date(input.now.getTime() + lifetime),
    actor: input.actor,
    outbox: input.outbox,
  });
}

export type SettleOutcome = 'paid' | 'already-paid' | 'not-pending';

/**
 * Records a payment (desk, IPN or QueryDR) on a request: pending → paid under the dossier lock (one winner among
 * any number of concurrent callbacks), 'payment-paid' with its channel, the payment clock pause resumed, and the
 * payment step completed with 'approve' so routing continues. `late` honours a payment of an expired or cancelled
 * request (flagged); the step is completed only if it is still open.
 */
export async function settlePaymentRequest(
  manager: EntityManager,
  input: {
    requestId: string;
    settlement: PaymentSettlement;
    actor: DossierEventActor | null;
    now: Date;
    late?: boolean;
  },
): Promise<SettleOutcome> {
  const payments = new PaymentRepository(manager);
  const found = await payments.findById(input.requestId);
  if (!found) throw new DomainError('payment.not-found', `Payment request ${input.requestId} not found`, 'not-found');
  await lockDossier(manager, found.dossierId);
  const from: Array<'pending' | 'expired' | 'cancelled'> = input.late
    ? ['pending', 'expired', 'cancelled']
    : ['pending'];
  const won = await payments.markPaid(found.id, from, { ...input.settlement, latePayment: input.late ?? false });
  if (!won) {
    const current = (await payments.findById(found.id))!;
    return current.status === 'paid' ? 'already-paid' : 'not-pending';
  }
  await settleExpiryJob(manager, found.id, input.now);
  await paymentEvent(
    manager,
    found.dossierId,
    'payment-paid',
    {
      paymentRequestId: found.id,
      stepTaskId: found.stepTaskId,
      txnRef: found.txnRef,
      amount: found.amount,
      channel: input.settlement.channel,
      settledBy: input.settlement.settledBy,
      late: input.late ?? false,
      ...(input.settlement.deskMethod ? { deskMethod: input.settlement.deskMethod } : {}),
      ...(input.settlement.deskReceiptNumber ? { deskReceiptNumber: input.settlement.deskReceiptNumber } : {}),
      ...(input.settlement.gatewayTransactionNo ? { gatewayTransactionNo: input.settlement.gatewayTransactionNo } : {}),
    },
    input.actor,
    input.now,
  );
  await resumePaymentPause(manager, found.dossierId, input.now);
  if (found.stepTaskId) {
    const task = await new StepTaskRepository(manager).findById(found.stepTaskId);
    if (task && (task.status === 'open' || task.status === 'claimed')) {
      await completeStepTask(manager, {
        stepTaskId: task.id,
        agencyId: null,
        outcome: 'approve',
        comment: `Đã thanh toán ${found.amount} đồng (${input.settlement.channel === 'desk' ? 'tại quầy' : 'trực tuyến'})`,
        actor: null,
        now: input.now,
      });
    }
  }
  return 'paid';
}

async function resumePaymentPause(manager: EntityManager, dossierId: string, at: Date): Promise<void> {
  const entries = await loadClockEntries(manager, dossierId);
  const last = entries[entries.length - 1];
  if (last?.type === 'pause' && last.reason === PAYMENT_PAUSE_REASON) {
    await recordClockEntry(manager, { dossierId, type: 'resume', at: clockResumeInstant(entries, at) }, at);
    // The wait did not count: the appointment in force moves with the clock's deadline.
    await syncDossierAppointment(manager, {
      dossierId,
      now: at,
      reason: 'payment-wait',
      legalBasis: (ruleSetId) => paymentClockRule(ruleSetId).legalBasis,
    });
  }
}

/** Records a desk payment (cash or bank transfer with the desk's receipt number) on the dossier's open request. */
export async function recordDeskPayment(
  manager: EntityManager,
  input: {
    dossierId: string;
    method: DeskPaymentMethod;
    receiptNumber: string;
    amount: number;
    actor: DossierEventActor & { userId: string };
    now: Date;
  },
): Promise<PaymentRequestRecord> {
  await lockDossier(manager, input.dossierId);
  const payments = new PaymentRepository(manager);
  const request = await payments.pendingForDossier(input.dossierId);
  if (!request) {
    const latest = (await payments.listForDossier(input.dossierId)).pop();
    throw new DomainError(
      'payment.no-open-request',
      latest
        ? `The dossier's latest payment request is ${latest.status}${latest.status === 'expired' ? '; re-issue it first' : ''}`
        : 'The dossier has no open payment request',
      'conflict',
    );
  }
  if (input.now.getTime() > request.expiresAt.getTime()) {
    throw new DomainError('payment.expired', 'The payment request has expired; re-issue it first', 'conflict');
  }
  if (input.amount !== request.amount) {
    throw new DomainError(
      'payment.amount-mismatch',
      `amount: the request is for ${request.amount} VND, not ${input.amount}`,
      'invalid',
      { expected: request.amount },
    );
  }
  const duplicate: unknown[] = await manager.query(
    `SELECT 1 FROM payment_request WHERE agency_id = $1 AND desk_receipt_number = $2`,
    [request.agencyId, input.receiptNumber],
  );
  if (duplicate.length > 0) {
    throw new DomainError(
      'payment.duplicate-receipt-number',
      `receiptNumber: ${input.receiptNumber} was already used at this desk`,
      'conflict',
    );
  }
  await settlePaymentRequest(manager, {
    requestId: request.id,
    settlement: {
      channel: 'desk',
      settledBy: 'desk',
      paidAt: input.now,
      latePayment: false,
      deskMethod: input.method,
      deskReceiptNumber: input.receiptNumber,
      recordedByUserId: input.actor.userId,
    },
    actor: input.actor,
    now: input.now,
  });
  return (await payments.findById(request.id))!;
}

/** pending → expired (or cancelled when the dossier ended) with its event; false when no longer pending. */
export async function endPaymentRequest(
  manager: EntityManager,
  input: { requestId: string; status: 'expired' | 'cancelled'; reason: string; now: Date },
): Promise<boolean> {
  const payments = new PaymentRepository(manager);
  const found = await payments.findById(input.requestId);
  if (!found) return false;
  await lockDossier(manager, found.dossierId);
  if (!(await payments.end(found.id, input.status, input.now, input.reason))) return false;
  await settleExpiryJob(manager, found.id, input.now);
  await paymentEvent(
    manager,
    found.dossierId,
    input.status === 'expired' ? 'payment-expired' : 'payment-cancelled',
    {
      paymentRequestId: found.id,
      stepTaskId: found.stepTaskId,
      txnRef: found.txnRef,
      amount: found.amount,
      reason: input.reason,
    },
    null,
    input.now,
  );
  if (input.status === 'cancelled') await resumePaymentPause(manager, found.dossierId, input.now);
  return true;
}
