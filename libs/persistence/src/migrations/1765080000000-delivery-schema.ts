import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: dossier documents and results (files in the document storage, SHA-256, digitized flag), reuse of an
 * applicant's earlier documents/results, the return channel chosen at intake, deliveries (desk hand-over, online
 * download, postal shipment with tracking events) and the embedded sandbox carrier's own shipment store.
 */
export class DeliverySchema1765080000000 implements MigrationInterface {
  name = 'DeliverySchema1765080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_result (
        id uuid PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        decision_number text NOT NULL,
        kind text NOT NULL,
        issued_on date NOT NULL,
        signer text NOT NULL,
        issuing_agency_id uuid NOT NULL REFERENCES agency(id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        digitized boolean NOT NULL,
        step_task_id uuid REFERENCES step_task(id),
        attached_by_user_id uuid,
        attached_at timestamptz NOT NULL,
        replaced_at timestamptz
      )`);
    // One current result per dossier; a re-attachment by the same step keeps the earlier one as history.
    await queryRunner.query(
      `CREATE UNIQUE INDEX dossier_result_current_key ON dossier_result (dossier_id) WHERE replaced_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX dossier_result_storage_key_idx ON dossier_result (storage_key)`);
    await queryRunner.query(`
      CREATE TABLE dossier_document (
        id uuid PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        checklist_code text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        digitized boolean NOT NULL,
        source text NOT NULL CHECK (source IN ('desk-upload', 'portal-upload', 'reused-document', 'reused-result')),
        reused_document_id uuid REFERENCES dossier_document(id),
        reused_result_id uuid REFERENCES dossier_result(id),
        reused_from_dossier_id uuid REFERENCES dossier(id),
        uploaded_by_user_id uuid,
        created_at timestamptz NOT NULL,
        replaced_at timestamptz,
        CHECK ((source = 'reused-document') = (reused_document_id IS NOT NULL)),
        CHECK ((source = 'reused-result') = (reused_result_id IS NOT NULL))
      )`);
    // Concurrent uploads of one checklist item end with exactly one current record.
    await queryRunner.query(
      `CREATE UNIQUE INDEX dossier_document_current_key ON dossier_document (dossier_id, checklist_code) WHERE replaced_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX dossier_document_storage_key_idx ON dossier_document (storage_key)`);
    await queryRunner.query(
      `CREATE INDEX dossier_document_reused_idx ON dossier_document (created_at) WHERE source IN ('reused-document', 'reused-result')`,
    );
    await queryRunner.query(`
      CREATE TABLE dossier_return_channel (
        dossier_id uuid PRIMARY KEY REFERENCES dossier(id),
        channel text NOT NULL CHECK (channel IN ('desk', 'online', 'postal')),
        recipient jsonb,
        chosen_at timestamptz NOT NULL,
        changed_by_user_id uuid,
        CHECK (channel <> 'postal' OR recipient IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        step_task_id uuid NOT NULL UNIQUE REFERENCES step_task(id),
        receiving_agency_id uuid NOT NULL REFERENCES agency(id),
        channel text NOT NULL CHECK (channel IN ('desk', 'online', 'postal')),
        status text NOT NULL CHECK (status IN ('awaiting-pickup', 'awaiting-download', 'shipping', 'delivered', 'cancelled')),
        ready_at timestamptz NOT NULL,
        dispatched_at timestamptz,
        delivered_at timestamptz,
        handed_to_name text,
        handed_to_identity_document text,
        handed_over_by_user_id uuid,
        carrier text,
        tracking_number text,
        shipment_status text,
        postal_fallback_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_uncollected_idx ON delivery (receiving_agency_id, ready_at) WHERE status = 'awaiting-pickup'`,
    );
    await queryRunner.query(`CREATE INDEX delivery_dossier_idx ON delivery (dossier_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX delivery_tracking_key ON delivery (carrier, tracking_number) WHERE tracking_number IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE postal_tracking_event (
        id bigserial PRIMARY KEY,
        carrier text NOT NULL,
        event_id text NOT NULL,
        tracking_number text NOT NULL,
        status text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        applied boolean NOT NULL,
        note text,
        payload jsonb NOT NULL,
        UNIQUE (carrier, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX postal_tracking_event_tracking_idx ON postal_tracking_event (carrier, tracking_number, occurred_at)`,
    );
    // The embedded sandbox carrier's own store (what a real carrier keeps on its side).
    await queryRunner.query(`
      CREATE TABLE postal_sandbox_shipment (
        tracking_number text PRIMARY KEY,
        client_reference text NOT NULL UNIQUE,
        order_payload jsonb NOT NULL,
        status text NOT NULL,
        history jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE SEQUENCE postal_sandbox_tracking_seq`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE postal_sandbox_tracking_seq`);
    await queryRunner.query(`DROP TABLE postal_sandbox_shipment`);
    await queryRunner.query(`DROP TABLE postal_tracking_event`);
    await queryRunner.query(`DROP TABLE delivery`);
    await queryRunner.query(`DROP TABLE dossier_return_channel`);
    await queryRunner.query(`DROP TABLE dossier_document`);
    await queryRunner.query(`DROP TABLE dossier_result`);
  }
}
