import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (issue 11): payment requests with their fee lines (integer VND), refunds, the log of gateway callbacks
 * the service refused, and the embedded VNPay sandbox's own records (the gateway side of the demo).
 */
export class Payment1765060000000 implements MigrationInterface {
  name = 'Payment1765060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_request (
        id uuid PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        step_task_id uuid REFERENCES step_task(id),
        agency_id uuid NOT NULL REFERENCES agency(id),
        procedure_id uuid NOT NULL REFERENCES procedure(id),
        issue_number int NOT NULL CHECK (issue_number >= 1),
        txn_ref text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'expired', 'cancelled')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        online_started_at timestamptz,
        channel text CHECK (channel IN ('desk', 'online')),
        settled_by text CHECK (settled_by IN ('desk', 'ipn', 'querydr')),
        paid_at timestamptz,
        late_payment boolean NOT NULL DEFAULT false,
        desk_method text CHECK (desk_method IN ('cash', 'bank-transfer')),
        desk_receipt_number text,
        recorded_by_user_id uuid,
        gateway text,
        gateway_transaction_no text,
        gateway_bank_code text,
        gateway_pay_date text,
        ended_at timestamptz,
        end_reason text,
        CONSTRAINT payment_request_txn_ref_key UNIQUE (txn_ref),
        CONSTRAINT payment_request_step_issue_key UNIQUE (step_task_id, issue_number),
        CONSTRAINT payment_request_paid_has_channel CHECK (status <> 'paid' OR (channel IS NOT NULL AND paid_at IS NOT NULL))
      )`);
    // At most one open request per dossier: re-issue only after expiry.
    await queryRunner.query(
      `CREATE UNIQUE INDEX payment_request_one_pending ON payment_request (dossier_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX payment_request_pending_idx ON payment_request (created_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX payment_request_dossier_idx ON payment_request (dossier_id, issue_number)`);
    await queryRunner.query(`CREATE INDEX payment_request_agency_paid_idx ON payment_request (agency_id, paid_at)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX payment_request_desk_receipt_key ON payment_request (agency_id, desk_receipt_number)
       WHERE desk_receipt_number IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE fee_line (
        id bigserial PRIMARY KEY,
        payment_request_id uuid NOT NULL REFERENCES payment_request(id),
        position int NOT NULL,
        code text NOT NULL,
        label text NOT NULL,
        quantity int NOT NULL CHECK (quantity >= 0),
        unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
        amount bigint NOT NULL CHECK (amount >= 0),
        exemption text,
        CONSTRAINT fee_line_position_key UNIQUE (payment_request_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE payment_refund (
        id uuid PRIMARY KEY,
        payment_request_id uuid NOT NULL REFERENCES payment_request(id),
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'confirmed', 'sending', 'refunded', 'failed')),
        requested_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        confirmed_by_user_id uuid,
        sent_at timestamptz,
        refunded_at timestamptz,
        gateway_response_code text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT payment_refund_once UNIQUE (payment_request_id)
      )`);
    await queryRunner.query(`CREATE INDEX payment_refund_status_idx ON payment_refund (status, requested_at)`);
    await queryRunner.query(`
      CREATE TABLE payment_callback_log (
        id bigserial PRIMARY KEY,
        gateway text NOT NULL,
        received_at timestamptz NOT NULL,
        txn_ref text,
        rsp_code text NOT NULL,
        outcome text NOT NULL,
        remote_ip text
      )`);
    await queryRunner.query(`CREATE INDEX payment_callback_log_txn_idx ON payment_callback_log (txn_ref, id)`);
    await queryRunner.query(`
      CREATE TABLE vnpay_sandbox_transaction (
        tmn_code text NOT NULL,
        txn_ref text NOT NULL,
        amount text NOT NULL,
        order_info text NOT NULL,
        order_create_date text NOT NULL,
        transaction_status text NOT NULL,
        transaction_no text NOT NULL,
        bank_code text NOT NULL,
        pay_date text NOT NULL,
        refunded bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tmn_code, txn_ref)
      )`);
    await queryRunner.query(`
      CREATE TABLE vnpay_sandbox_refund (
        tmn_code text NOT NULL,
        request_id text NOT NULL,
        txn_ref text NOT NULL,
        amount bigint NOT NULL,
        PRIMARY KEY (tmn_code, request_id)
      )`);
    await queryRunner.query(`CREATE SEQUENCE vnpay_sandbox_transaction_no START 14000000`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE vnpay_sandbox_transaction_no`);
    await queryRunner.query(`DROP TABLE vnpay_sandbox_refund`);
    await queryRunner.query(`DROP TABLE vnpay_sandbox_transaction`);
    await queryRunner.query(`DROP TABLE payment_callback_log`);
    await queryRunner.query(`DROP TABLE payment_refund`);
    await queryRunner.query(`DROP TABLE fee_line`);
    await queryRunner.query(`DROP TABLE payment_request`);
  }
}
