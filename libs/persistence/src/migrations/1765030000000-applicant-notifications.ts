import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applicant notifications (issue 14): one row per (dossier, event, channel) — the unique key that keeps a notice
 * from being sent twice however often its event is processed — with the rendered text, the send state and the
 * retry trace; and the applicants' opt-outs per channel and address.
 */
export class ApplicantNotifications1765030000000 implements MigrationInterface {
  name = 'ApplicantNotifications1765030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE applicant_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        event_id bigint NOT NULL,
        event_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('received', 'supplement-needed', 'payment-needed', 'apology', 'result-ready', 'delivered')),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'opted-out')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        last_error_at timestamptz,
        message_id text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        UNIQUE (dossier_id, event_id, channel)
      )`);
    await queryRunner.query(
      `CREATE INDEX applicant_notification_dossier_idx ON applicant_notification (dossier_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE applicant_notification_opt_out (
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        -- lower-case e-mail address or phone number as given at intake
        address text NOT NULL,
        dossier_id uuid REFERENCES dossier (id),
        opted_out_at timestamptz NOT NULL,
        PRIMARY KEY (channel, address)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE applicant_notification_opt_out`);
    await queryRunner.query(`DROP TABLE applicant_notification`);
  }
}
