import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: an applicant e-mail cannot be sent exactly once over SMTP (no protocol lets the sender learn, after a
 * crash, whether the server accepted it). Each attempt is now committed before the SMTP call:
 * - `sending_since`: set before the call, cleared once its outcome is known (sent recorded, or refused by the server).
 *   A notice found with it set was left by an attempt whose outcome nobody learned (a worker killed between the SMTP
 *   accept and the commit that records it).
 * - `resends_in_doubt`: attempts started while an earlier one was in doubt. Each may reach the mailbox a second time
 *   with the same Message-ID (the idempotency key the receiving mailbox collapses on); the fault checker allows exactly
 *   that many raw redeliveries and no more.
 */
export class NotificationSendAttempts1765201000000 implements MigrationInterface {
  name = 'NotificationSendAttempts1765201000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE applicant_notification ADD COLUMN sending_since timestamptz, ADD COLUMN resends_in_doubt int NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE applicant_notification DROP COLUMN sending_since, DROP COLUMN resends_in_doubt`,
    );
  }
}
