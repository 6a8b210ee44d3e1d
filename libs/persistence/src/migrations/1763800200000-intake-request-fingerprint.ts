import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake idempotency: the sha256 fingerprint of the submission an Idempotency-Key first created, so the same key
 * with a different body is refused (409) instead of silently replaying another dossier. Null for older rows.
 */
export class IntakeRequestFingerprint1763800200000 implements MigrationInterface {
  name = 'IntakeRequestFingerprint1763800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier ADD COLUMN request_fingerprint text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier DROP COLUMN request_fingerprint`);
  }
}
