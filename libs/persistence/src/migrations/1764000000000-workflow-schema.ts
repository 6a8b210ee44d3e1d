import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow engine: versioned process definitions (immutable once published), one `step_task` per step run at
 * one agency, and the per-dossier routing cursor that makes event routing ordered and idempotent.
 */
export class WorkflowSchema1764000000000 implements MigrationInterface {
  name = 'WorkflowSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE process_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedure (id),
        version int NOT NULL CHECK (version >= 1),
        document jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX process_definition_version_key ON process_definition (procedure_id, version)`,
    );
    await queryRunner.query(
      `CREATE INDEX process_definition_published_idx ON process_definition (procedure_id, version DESC) WHERE status = 'published'`,
    );
    // Defence in depth: a published version never changes, whoever writes (the API refuses with 409 first).
    await queryRunner.query(`
      CREATE FUNCTION process_definition_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'published' THEN RAISE EXCEPTION 'process_definition % is published and immutable', OLD.id; END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'published' THEN RAISE EXCEPTION 'process_definition % is published and immutable', OLD.id; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER process_definition_immutable BEFORE UPDATE OR DELETE ON process_definition
      FOR EACH ROW EXECUTE FUNCTION process_definition_immutable()`);

    await queryRunner.query(`
      CREATE TABLE step_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        procedure_id uuid NOT NULL REFERENCES procedure (id),
        process_definition_id uuid NOT NULL REFERENCES process_definition (id),
        step_id text NOT NULL,
        attempt int NOT NULL CHECK (attempt >= 1),
        branch_key text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('task', 'connector', 'payment', 'delivery')),
        agency_id uuid NOT NULL REFERENCES agency (id),
        assigned_user_id uuid,
        status text NOT NULL CHECK (status IN ('open', 'claimed', 'completed', 'cancelled', 'dead-letter')),
        budget_minutes int NOT NULL CHECK (budget_minutes >= 0),
        started_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        claimed_at timestamptz,
        completed_at timestamptz,
        outcome text CHECK (outcome IN ('approve', 'return', 'request-supplement', 'refuse', 'forward')),
        comment text,
        on_time_class text CHECK (on_time_class IN ('early', 'on-time', 'late')),
        handover text NOT NULL CHECK (handover IN ('electronic', 'paper')),
        previous_step_task_id uuid REFERENCES step_task (id),
        previous_step_id text,
        parallel_step_id text,
        lead_agency_id uuid REFERENCES agency (id),
        connector text,
        max_attempts int,
        connector_attempts int NOT NULL DEFAULT 0,
        last_error text,
        dead_lettered_at timestamptz,
        manual_retries int NOT NULL DEFAULT 0,
        started_event_sequence int NOT NULL,
        completed_event_sequence int,
        run_order bigserial NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX step_task_business_key ON step_task (dossier_id, step_id, attempt, branch_key)`,
    );
    // Inbox: an agency's open work by deadline (keyset on (deadline_at, id)).
    await queryRunner.query(
      `CREATE INDEX step_task_inbox_idx ON step_task (agency_id, deadline_at, id) WHERE status IN ('open', 'claimed')`,
    );
    await queryRunner.query(
      `CREATE INDEX step_task_inbox_status_idx ON step_task (agency_id, status, deadline_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX step_task_inbox_procedure_idx ON step_task (agency_id, procedure_id, deadline_at, id) WHERE status IN ('open', 'claimed')`,
    );
    await queryRunner.query(`CREATE INDEX step_task_dossier_idx ON step_task (dossier_id, run_order)`);
    await queryRunner.query(
      `CREATE INDEX step_task_dead_letter_idx ON step_task (dead_lettered_at, id) WHERE status = 'dead-letter'`,
    );
    // Deadline seam (issue 6): open steps by deadline across agencies.
    await queryRunner.query(
      `CREATE INDEX step_task_open_deadline_idx ON step_task (deadline_at) WHERE status IN ('open', 'claimed', 'dead-letter')`,
    );

    await queryRunner.query(`
      CREATE TABLE dossier_routing (
        dossier_id uuid PRIMARY KEY REFERENCES dossier (id),
        routed_sequence int NOT NULL DEFAULT 0,
        finished_result text CHECK (finished_result IN ('result-ready', 'refused')),
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dossier_routing`);
    await queryRunner.query(`DROP TABLE step_task`);
    await queryRunner.query(`DROP TRIGGER process_definition_immutable ON process_definition`);
    await queryRunner.query(`DROP FUNCTION process_definition_immutable()`);
    await queryRunner.query(`DROP TABLE process_definition`);
  }
}
