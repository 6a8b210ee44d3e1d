import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (deadlines and supervision): an apology records when it was issued relative to the deadline (a late
 * apology is allowed and marked); each staff user's read marks on the notifications addressed to them. (Steps
 * overrunning now use `step_task_inbox_idx`: open steps by agency and deadline.)
 */
export class DeadlineSupervision1765050000000 implements MigrationInterface {
  name = 'DeadlineSupervision1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dossier_apology ADD COLUMN timing text NOT NULL DEFAULT 'before-lead-time'
        CHECK (timing IN ('before-lead-time', 'after-lead-time', 'after-deadline'))`);
    await queryRunner.query(`
      CREATE TABLE notification_read (
        notification_id bigint NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, notification_id)
      )`);
    // The in-app list of a user: notifications to their agency (or to them), newest first.
    await queryRunner.query(
      `CREATE INDEX notification_recipient_agency_idx ON notification (recipient_agency_id, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_recipient_user_idx ON notification (recipient_user_id, id DESC) WHERE recipient_user_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notification_recipient_user_idx`);
    await queryRunner.query(`DROP INDEX notification_recipient_agency_idx`);
    await queryRunner.query(`DROP TABLE notification_read`);
    await queryRunner.query(`ALTER TABLE dossier_apology DROP COLUMN timing`);
  }
}
