import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline timers (issue 6): the armed deadline of each clock (dossier or step) with its version, one durable
 * timer row per graded threshold and deadline version, threshold configuration, and the notification record.
 */
export class DeadlineTimers1764100000000 implements MigrationInterface {
  name = 'DeadlineTimers1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The deadline each clock is armed for. `deadline_version` bumps on every re-arm; a timer of another
    // version is stale and never acts. Lateness (overdue) is recorded here with the agency it is attributed to.
    await queryRunner.query(`
      CREATE TABLE deadline_clock (
        subject_type text NOT NULL CHECK (subject_type IN ('dossier', 'step')),
        subject_id uuid NOT NULL,
        dossier_id uuid,
        agency_id uuid,
        procedure_id uuid,
        deadline_version int NOT NULL CHECK (deadline_version >= 1),
        deadline_at timestamptz,
        clock_status text NOT NULL CHECK (clock_status IN ('not-started', 'running', 'paused', 'stopped')),
        budget_minutes int,
        overdue_at timestamptz,
        late_agency_id uuid,
        -- What the armed version was computed from: the last ledger entry and the calendar's last change.
        ledger_entry_id bigint,
        calendar_stamp text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject_type, subject_id)
      )`);
    // Reconciler cursor over clock_entry: subjects whose ledger moved since they were armed get re-armed.
    await queryRunner.query(`
      CREATE TABLE deadline_reconcile_cursor (
        id int PRIMARY KEY CHECK (id = 1),
        last_entry_id bigint NOT NULL DEFAULT 0,
        calendar_stamp text
      )`);
    await queryRunner.query(`INSERT INTO deadline_reconcile_cursor (id) VALUES (1)`);
    await queryRunner.query(
      `CREATE INDEX deadline_clock_dossier_idx ON deadline_clock (dossier_id) WHERE dossier_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE deadline_timer (
        id bigserial PRIMARY KEY,
        subject_type text NOT NULL CHECK (subject_type IN ('dossier', 'step')),
        subject_id uuid NOT NULL,
        dossier_id uuid,
        agency_id uuid,
        threshold_id text NOT NULL,
        threshold_kind text NOT NULL CHECK (threshold_kind IN ('budget-used', 'before-deadline', 'deadline')),
        recipients text[] NOT NULL DEFAULT '{}',
        deadline_version int NOT NULL,
        deadline_at timestamptz,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
        fired_at timestamptz,
        fired_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'fired') = (fired_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX deadline_timer_key ON deadline_timer (subject_type, subject_id, threshold_id, deadline_version)`,
    );
    // Sweeper: pending timers by due time. Partial, so fired/cancelled history never slows it down.
    await queryRunner.query(
      `CREATE INDEX deadline_timer_pending_due_idx ON deadline_timer (due_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX deadline_timer_subject_idx ON deadline_timer (subject_type, subject_id, status)`,
    );

    // Graded thresholds with recipients: global (procedure_id NULL) or per procedure. Falls back to the code default.
    await queryRunner.query(`
      CREATE TABLE deadline_threshold_config (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid REFERENCES procedure (id),
        subject_type text NOT NULL CHECK (subject_type IN ('dossier', 'step')),
        thresholds jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX deadline_threshold_config_key ON deadline_threshold_config (subject_type, coalesce(procedure_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );

    // What the notification consumer records (actual senders come with the return issue).
    await queryRunner.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        dossier_id uuid,
        recipient_role text NOT NULL,
        recipient_agency_id uuid,
        recipient_user_id uuid,
        payload jsonb NOT NULL,
        source_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX notification_source_key ON notification (source_key, recipient_role)`);
    await queryRunner.query(`CREATE INDEX notification_dossier_idx ON notification (dossier_id, id)`);

    // Apology and new appointment (form 04, NĐ 61/2018 Art. 19): one row per apology issued.
    await queryRunner.query(`
      CREATE TABLE dossier_apology (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        issued_at timestamptz NOT NULL,
        reason text NOT NULL,
        responsible_unit text NOT NULL,
        responsible_agency_id uuid REFERENCES agency (id),
        original_appointment_at timestamptz NOT NULL,
        new_appointment_at timestamptz NOT NULL,
        new_appointment_place text NOT NULL,
        rule_set_id text NOT NULL,
        issued_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX dossier_apology_dossier_idx ON dossier_apology (dossier_id, issued_at)`);

    // Supervisor late / near-due lists: open dossiers by appointment (the late list reads a small prefix).
    await queryRunner.query(`
      CREATE INDEX dossier_open_appointment_idx ON dossier (appointment_at, id)
      WHERE status IN ('received', 'processing', 'awaiting-supplement', 'awaiting-payment') AND appointment_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dossier_open_appointment_idx`);
    await queryRunner.query(`DROP TABLE dossier_apology`);
    await queryRunner.query(`DROP TABLE notification`);
    await queryRunner.query(`DROP TABLE deadline_threshold_config`);
    await queryRunner.query(`DROP TABLE deadline_timer`);
    await queryRunner.query(`DROP TABLE deadline_reconcile_cursor`);
    await queryRunner.query(`DROP TABLE deadline_clock`);
  }
}
