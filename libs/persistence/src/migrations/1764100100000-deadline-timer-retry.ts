import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline timers that fail to fire (issue 6): a failing timer backs off on its own row, so the sweeper's next
 * batches are not blocked by the same failing timers at the head of the due order.
 */
export class DeadlineTimerRetry1764100100000 implements MigrationInterface {
  name = 'DeadlineTimerRetry1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE deadline_timer
        ADD COLUMN fire_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN retry_after timestamptz,
        ADD COLUMN last_error text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE deadline_timer DROP COLUMN last_error, DROP COLUMN retry_after, DROP COLUMN fire_attempts`,
    );
  }
}
