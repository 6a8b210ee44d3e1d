import { MigrationInterface, QueryRunner } from 'typeorm';

/** Procedure catalog, working-time calendar, dossiers, their hash-chained events and the deadline ledger. */
export class DossierSchema1763800000000 implements MigrationInterface {
  name = 'DossierSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procedure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        field text NOT NULL,
        level text NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
        legal_time_value numeric(10, 2) NOT NULL CHECK (legal_time_value >= 0),
        legal_time_unit text NOT NULL CHECK (legal_time_unit IN ('working-days', 'working-hours')),
        legal_time_minutes int NOT NULL CHECK (legal_time_minutes >= 0),
        cutoff_time text CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        fee_rule jsonb NOT NULL DEFAULT '{"mode":"none","amount":0,"paid":"before"}',
        required_documents jsonb NOT NULL DEFAULT '[]',
        channels text[] NOT NULL CHECK (channels <@ ARRAY['in-person', 'online', 'postal']::text[] AND cardinality(channels) > 0),
        online_level text NOT NULL CHECK (online_level IN ('full-online', 'partly-online', 'none')),
        result_type text NOT NULL CHECK (result_type IN ('paper', 'electronic', 'both')),
        rule_set_id text NOT NULL,
        receiving_agency_ids uuid[] NOT NULL DEFAULT '{}',
        handling_agency_id uuid REFERENCES agency (id),
        participating_agency_ids uuid[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX procedure_code_key ON procedure (code)`);
    await queryRunner.query(`CREATE INDEX procedure_field_idx ON procedure (field)`);

    await queryRunner.query(`
      CREATE TABLE calendar_day (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'working')),
        name text NOT NULL,
        windows jsonb,
        source text NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE dossier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        procedure_id uuid NOT NULL REFERENCES procedure (id),
        receiving_agency_id uuid NOT NULL REFERENCES agency (id),
        channel text NOT NULL CHECK (channel IN ('in-person', 'online', 'postal')),
        status text NOT NULL,
        applicant jsonb NOT NULL,
        applicant_name text NOT NULL,
        documents jsonb NOT NULL DEFAULT '[]',
        number_of_sets int NOT NULL DEFAULT 1,
        received_at timestamptz NOT NULL,
        counting_started_at timestamptz,
        appointment_at timestamptz,
        original_appointment_at timestamptz,
        legal_time_minutes int NOT NULL,
        rule_set_id text NOT NULL,
        supplement_items jsonb,
        refusal_reason text,
        lookup_secret_hash text NOT NULL,
        idempotency_key text,
        parent_dossier_id uuid REFERENCES dossier (id),
        process_definition_id uuid,
        version int NOT NULL DEFAULT 1,
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX dossier_code_key ON dossier (code)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (receiving_agency_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX dossier_status_appointment_idx ON dossier (status, appointment_at)`);
    await queryRunner.query(`CREATE INDEX dossier_appointment_idx ON dossier (appointment_at)`);
    await queryRunner.query(`CREATE INDEX dossier_agency_received_idx ON dossier (receiving_agency_id, received_at)`);
    await queryRunner.query(`CREATE INDEX dossier_procedure_idx ON dossier (procedure_id)`);
    await queryRunner.query(
      `CREATE INDEX dossier_parent_idx ON dossier (parent_dossier_id) WHERE parent_dossier_id IS NOT NULL`,
    );

    // TT 01/2018 Art. 19: the 4-digit sequence restarts every day per agency.
    await queryRunner.query(`
      CREATE TABLE dossier_code_counter (
        agency_id uuid NOT NULL REFERENCES agency (id),
        local_date date NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (agency_id, local_date)
      )`);

    await queryRunner.query(`
      CREATE TABLE dossier_event (
        id bigserial PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        sequence int NOT NULL CHECK (sequence >= 1),
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_user_id uuid,
        actor_agency_id uuid,
        occurred_at timestamptz NOT NULL,
        previous_hash text NOT NULL,
        hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX dossier_event_sequence_key ON dossier_event (dossier_id, sequence)`);
    await queryRunner.query(`CREATE INDEX dossier_event_type_occurred_idx ON dossier_event (type, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE clock_entry (
        id bigserial PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        step_task_id uuid,
        type text NOT NULL CHECK (type IN ('start', 'pause', 'resume', 'extend', 'stop')),
        at timestamptz NOT NULL,
        reason text,
        party text CHECK (party IN ('applicant', 'agency', 'other')),
        legal_basis text,
        new_deadline timestamptz,
        actor_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (type <> 'pause' OR (reason IS NOT NULL AND party IS NOT NULL)),
        CHECK (type <> 'extend' OR (new_deadline IS NOT NULL AND reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX clock_entry_dossier_idx ON clock_entry (dossier_id, id)`);
    await queryRunner.query(
      `CREATE INDEX clock_entry_step_task_idx ON clock_entry (step_task_id) WHERE step_task_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE clock_entry`);
    await queryRunner.query(`DROP TABLE dossier_event`);
    await queryRunner.query(`DROP TABLE dossier_code_counter`);
    await queryRunner.query(`DROP TABLE dossier`);
    await queryRunner.query(`DROP TABLE calendar_day`);
    await queryRunner.query(`DROP TABLE procedure`);
  }
}
