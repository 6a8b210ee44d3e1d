import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: whether a supplement restarts or pauses the dossier clock is chosen per procedure, within its rule
 * set's `supplementClockChoices`, and pinned on each dossier at intake, so a later change of the procedure never
 * moves an appointment already promised. NULL (procedure and dossier): the pinned rule set's `supplementClock`,
 * which is what every existing dossier used (behaviour unchanged).
 */
export class SupplementClockChoice1765050000010 implements MigrationInterface {
  name = 'SupplementClockChoice1765050000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE procedure ADD COLUMN supplement_clock text
         CONSTRAINT procedure_supplement_clock_check CHECK (supplement_clock IN ('restart', 'pause'))`,
    );
    await queryRunner.query(
      `ALTER TABLE dossier ADD COLUMN supplement_clock text
         CONSTRAINT dossier_supplement_clock_check CHECK (supplement_clock IN ('restart', 'pause'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier DROP COLUMN supplement_clock`);
    await queryRunner.query(`ALTER TABLE procedure DROP COLUMN supplement_clock`);
  }
}
