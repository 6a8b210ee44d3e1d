import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: a procedure without its own cut-off time inherits its rule set's `defaultCutoffTime` (NĐ 61/2018
 * Art. 18.1: 15:00); 'none' says explicitly that it has no cut-off. Procedures stored with NULL meant "no cut-off"
 * until now, so they become 'none' (behaviour unchanged).
 */
export class ProcedureCutoffDefault1765050000002 implements MigrationInterface {
  name = 'ProcedureCutoffDefault1765050000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE procedure DROP CONSTRAINT IF EXISTS procedure_cutoff_time_check`);
    await queryRunner.query(`UPDATE procedure SET cutoff_time = 'none' WHERE cutoff_time IS NULL`);
    await queryRunner.query(
      `ALTER TABLE procedure ADD CONSTRAINT procedure_cutoff_time_check
         CHECK (cutoff_time = 'none' OR cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE procedure DROP CONSTRAINT procedure_cutoff_time_check`);
    await queryRunner.query(`UPDATE procedure SET cutoff_time = NULL WHERE cutoff_time = 'none'`);
    await queryRunner.query(
      `ALTER TABLE procedure ADD CONSTRAINT procedure_cutoff_time_check
         CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
  }
}
