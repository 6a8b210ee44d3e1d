// File length: one repository for the payment tables (request, fee lines, refund, callback log) and their reconciliation queries; row mapping shared.
import type { DeskPaymentMethod, FeeLine, PaymentChannel, PaymentRequestStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';

export interface PaymentRequestRecord {
  id: string;
  dossierId: string;
  stepTaskId: string | null;
  agencyId: string;
  procedureId: string;
  issueNumber: number;
  txnRef: string;
  /** VND */
  amount: number;
  status: PaymentRequestStatus;
  createdAt: Date;
  expiresAt: Date;
  onlineStartedAt: Date | null;
  channel: PaymentChannel | null;
  settledBy: 'desk' | 'ipn' | 'querydr' | null;
  paidAt: Date | null;
  latePayment: boolean;
  deskMethod: DeskPaymentMethod | null;
  deskReceiptNumber: string | null;
  recordedByUserId: string | null;
  gateway: string | null;
  gatewayTransactionNo: string | null;
  gatewayBankCode: string | null;
  gatewayPayDate: string | null;
  endedAt: Date | null;
  endReason: string | null;
}

export type RefundStatus = 'requested' | 'confirmed' | 'sending' | 'refunded' | 'failed';

export interface PaymentRefundRecord {
  id: string;
  paymentRequestId: string;
  dossierId: string;
  amount: number;
  reason: string;
  status: RefundStatus;
  requestedAt: Date;
  confirmedAt: Date | null;
  confirmedByUserId: string | null;
  sentAt: Date | null;
  refundedAt: Date | null;
  gatewayResponseCode: string | null;
  attempts: number;
  lastError: string | null;
}

/** Gateway/desk facts written when a request is paid. */
export interface PaymentSettlement {
  channel: PaymentChannel;
  settledBy: 'desk' | 'ipn' | 'querydr';
  paidAt: Date;
  latePayment: boolean;
  deskMethod?: DeskPaymentMethod | null;
  deskReceiptNumber?: string | null;
  recordedByUserId?: string | null;
  gateway?: string | null;
  gatewayTransactionNo?: string | null;
  gatewayBankCode?: string | null;
  gatewayPayDate?: string | null;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function toRecord<T>(row: Record<string, unknown>, numeric: string[]): T {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    record[camel(key)] = numeric.includes(key) && value !== null ? Number(value) : value;
  }
  return record as T;
}

const requestRecord = (row: Record<string, unknown>) => toRecord<PaymentRequestRecord>(row, ['amount', 'issue_number']);
const refundRecord = (row: Record<string, unknown>) => toRecord<PaymentRefundRecord>(row, ['amount', 'attempts']);

/** Payment requests, fee lines, refunds and the callback log: I/O only, in the caller's transaction or not. */
export class PaymentRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string, lock = false): Promise<PaymentRequestRecord | null> {
    const rows = await this.manager.query(`SELECT * FROM payment_request WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ? requestRecord(rows[0]) : null;
  }

  async findByTxnRef(txnRef: string): Promise<PaymentRequestRecord | null> {
    const rows = await this.manager.query(`SELECT * FROM payment_request WHERE txn_ref = $1`, [txnRef]);
    return rows[0] ? requestRecord(rows[0]) : null;
  }

  async listForDossier(dossierId: string): Promise<PaymentRequestRecord[]> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_request WHERE dossier_id = $1 ORDER BY issue_number ASC, created_at ASC`,
      [dossierId],
    );
    return rows.map(requestRecord);
  }

  async latestForStep(stepTaskId: string): Promise<PaymentRequestRecord | null> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_request WHERE step_task_id = $1 ORDER BY issue_number DESC LIMIT 1`,
      [stepTaskId],
    );
    return rows[0] ? requestRecord(rows[0]) : null;
  }

  async pendingForDossier(dossierId: string): Promise<PaymentRequestRecord | null> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_request WHERE dossier_id = $1 AND status = 'pending'`,
      [dossierId],
    );
    return rows[0] ? requestRecord(rows[0]) : null;
  }

  async feeLines(paymentRequestId: string): Promise<FeeLine[]> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT code, label, quantity, unit_amount, amount, exemption FROM fee_line
       WHERE payment_request_id = $1 ORDER BY position ASC`,
      [paymentRequestId],
    );
    return rows.map((row) => toRecord<FeeLine>(row, ['unit_amount', 'amount', 'quantity']));
  }

  async insertRequest(
    request: Pick<
      PaymentRequestRecord,
      | 'id'
      | 'dossierId'
      | 'stepTaskId'
      | 'agencyId'
      | 'procedureId'
      | 'issueNumber'
      | 'txnRef'
      | 'amount'
      | 'createdAt'
      | 'expiresAt'
    >,
    lines: FeeLine[],
  ): Promise<boolean> {
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO payment_request (id, dossier_id, step_task_id, agency_id, procedure_id, issue_number, txn_ref, amount,
         status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10)
       ON CONFLICT (step_task_id, issue_number) DO NOTHING RETURNING id`,
      [
        request.id,
        request.dossierId,
        request.stepTaskId,
        request.agencyId,
        request.procedureId,
        request.issueNumber,
        request.txnRef,
        request.amount,
        request.createdAt,
        request.expiresAt,
      ],
    );
    if (inserted.length === 0) return false;
    for (const [position, line] of lines.entries()) {
      await this.manager.query(
        `INSERT INTO fee_line (payment_request_id, position, code, label, quantity, unit_amount, amount, exemption)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [request.id, position, line.code, line.label, line.quantity, line.unitAmount, line.amount, line.exemption],
      );
    }
    return true;
  }

  /** pending (or, for a late payment honoured, expired/cancelled) → paid; false when the request was not in `from`. */
  async markPaid(id: string, from: PaymentRequestStatus[], settlement: PaymentSettlement): Promise<boolean> {
    const rows: [unknown[], number] = await this.manager.query(
      `UPDATE payment_request SET status = 'paid', channel = $3, settled_by = $4, paid_at = $5, late_payment = $6,
         desk_method = $7, desk_receipt_number = $8, recorded_by_user_id = $9, gateway = $10,
         gateway_transaction_no = $11, gateway_bank_code = $12, gateway_pay_date = $13, ended_at = NULL, end_reason = NULL
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
      [
        id,
        from,
        settlement.channel,
        settlement.settledBy,
        settlement.paidAt,
        settlement.latePayment,
        settlement.deskMethod ?? null,
        settlement.deskReceiptNumber ?? null,
        settlement.recordedByUserId ?? null,
        settlement.gateway ?? null,
        settlement.gatewayTransactionNo ?? null,
        settlement.gatewayBankCode ?? null,
        settlement.gatewayPayDate ?? null,
      ],
    );
    return rows[1] > 0;
  }

  /** A payment received after the request ended, kept on the (still ended) request so it can be refunded. */
  async recordLatePayment(id: string, settlement: PaymentSettlement): Promise<boolean> {
    const rows: [unknown[], number] = await this.manager.query(
      `UPDATE payment_request SET late_payment = true, channel = $2, settled_by = $3, paid_at = $4, gateway = $5,
         gateway_transaction_no = $6, gateway_bank_code = $7, gateway_pay_date = $8
       WHERE id = $1 AND status IN ('expired', 'cancelled') AND paid_at IS NULL RETURNING id`,
      [
        id,
        settlement.channel,
        settlement.settledBy,
        settlement.paidAt,
        settlement.gateway ?? null,
        settlement.gatewayTransactionNo ?? null,
        settlement.gatewayBankCode ?? null,
        settlement.gatewayPayDate ?? null,
      ],
    );
    return rows[1] > 0;
  }

  async end(id: string, status: 'expired' | 'cancelled', at: Date, reason: string): Promise<boolean> {
    const rows: [unknown[], number] = await this.manager.query(
      `UPDATE payment_request SET status = $2, ended_at = $3, end_reason = $4 WHERE id = $1 AND status = 'pending'
       RETURNING id`,
      [id, status, at, reason],
    );
    return rows[1] > 0;
  }

  async setOnlineStarted(id: string, at: Date): Promise<void> {
    await this.manager.query(`UPDATE payment_request SET online_started_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Pending requests whose online payment started before `before` (QueryDR candidates), oldest first. */
  async stalePendingOnline(before: Date, limit: number): Promise<PaymentRequestRecord[]> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_request WHERE status = 'pending' AND online_started_at IS NOT NULL
         AND online_started_at <= $1 ORDER BY created_at ASC LIMIT $2`,
      [before, limit],
    );
    return rows.map(requestRecord);
  }

  async overduePending(now: Date, limit: number): Promise<PaymentRequestRecord[]> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_request WHERE status = 'pending' AND expires_at < $1 ORDER BY expires_at ASC LIMIT $2`,
      [now, limit],
    );
    return rows.map(requestRecord);
  }

  /** Pending requests of dossiers that ended without a result (refused, withdrawn, stopped). */
  async pendingOfEndedDossiers(limit: number): Promise<PaymentRequestRecord[]> {
    const rows = await this.manager.query(
      `SELECT r.* FROM payment_request r JOIN dossier d ON d.id = r.dossier_id
       WHERE r.status = 'pending' AND d.status IN ('refused', 'withdrawn', 'stopped') ORDER BY r.created_at LIMIT $1`,
      [limit],
    );
    return rows.map(requestRecord);
  }

  /** Paid requests of dossiers that ended without a result and have no refund record yet. */
  async paidWithoutRefundOfEndedDossiers(limit: number): Promise<PaymentRequestRecord[]> {
    const rows = await this.manager.query(
      `SELECT r.* FROM payment_request r JOIN dossier d ON d.id = r.dossier_id
       WHERE r.paid_at IS NOT NULL AND d.status IN ('refused', 'withdrawn', 'stopped')
         AND NOT EXISTS (SELECT 1 FROM payment_refund f WHERE f.payment_request_id = r.id)
       ORDER BY r.paid_at LIMIT $1`,
      [limit],
    );
    return rows.map(requestRecord);
  }

  // ---- refunds ----

  /** Creates the refund record of a payment; null when it already exists (one refund per payment). */
  async insertRefund(input: {
    id: string;
    paymentRequestId: string;
    dossierId: string;
    amount: number;
    reason: string;
    requestedAt: Date;
  }): Promise<PaymentRefundRecord | null> {
    const rows = await this.manager.query(
      `INSERT INTO payment_refund (id, payment_request_id, dossier_id, amount, reason, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, 'requested', $6)
       ON CONFLICT (payment_request_id) DO NOTHING RETURNING *`,
      [input.id, input.paymentRequestId, input.dossierId, input.amount, input.reason, input.requestedAt],
    );
    return rows[0] ? refundRecord(rows[0]) : null;
  }

  async findRefund(id: string, lock = false): Promise<PaymentRefundRecord | null> {
    const rows = await this.manager.query(`SELECT * FROM payment_refund WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ? refundRecord(rows[0]) : null;
  }

  async refundsForDossier(dossierId: string): Promise<PaymentRefundRecord[]> {
    const rows = await this.manager.query(
      `SELECT * FROM payment_refund WHERE dossier_id = $1 ORDER BY requested_at ASC`,
      [dossierId],
    );
    return rows.map(refundRecord);
  }

  async updateRefund(
    id: string,
    from: RefundStatus[],
    patch: Partial<
      Record<
        | 'status'
        | 'confirmed_at'
        | 'confirmed_by_user_id'
        | 'sent_at'
        | 'refunded_at'
        | 'gateway_response_code'
        | 'last_error',
        unknown
      >
    > & {
      incrementAttempts?: boolean;
    },
  ): Promise<PaymentRefundRecord | null> {
    const { incrementAttempts, ...columns } = patch;
    const keys = Object.keys(columns);
    const sets = keys.map((key, index) => `${key} = $${index + 3}`);
    if (incrementAttempts) sets.push('attempts = attempts + 1');
    const rows = await this.manager.query(
      `UPDATE payment_refund SET ${sets.join(', ')} WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
      [id, from, ...keys.map((key) => (columns as Record<string, unknown>)[key])],
    );
    const updated = Array.isArray(rows[0]) ? rows[0] : rows;
    return updated[0] ? refundRecord(updated[0]) : null;
  }

  // ---- gateway callback log ----

  /** Logs a refused or odd gateway callback: code and outcome only, never parameters or secrets. */
  async logCallback(entry: {
    gateway: string;
    receivedAt: Date;
    txnRef: string | null;
    rspCode: string;
    outcome: string;
    remoteIp: string | null;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO payment_callback_log (gateway, received_at, txn_ref, rsp_code, outcome, remote_ip)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.gateway,
        entry.receivedAt,
        entry.txnRef?.slice(0, 100) ?? null,
        entry.rspCode,
        entry.outcome,
        entry.remoteIp,
      ],
    );
  }
}
