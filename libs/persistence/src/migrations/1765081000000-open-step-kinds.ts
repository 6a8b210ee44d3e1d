import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step kinds are the workflow's step-handler registry (issue 9: a new kind = one handler file + one registration
 * line), so the column no longer lists them: it only checks the shape of a kind name.
 */
export class OpenStepKinds1765081000000 implements MigrationInterface {
  name = 'OpenStepKinds1765081000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_task DROP CONSTRAINT IF EXISTS step_task_kind_check`);
    await queryRunner.query(
      `ALTER TABLE step_task ADD CONSTRAINT step_task_kind_check CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_task DROP CONSTRAINT IF EXISTS step_task_kind_check`);
    await queryRunner.query(
      `ALTER TABLE step_task ADD CONSTRAINT step_task_kind_check CHECK (kind IN ('task', 'connector', 'payment', 'delivery'))`,
    );
  }
}
