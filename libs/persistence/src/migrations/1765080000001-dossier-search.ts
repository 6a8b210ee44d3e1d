import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: dossier search for desk officers and supervisors. Accent-insensitive applicant names through the
 * contrib `unaccent` and `pg_trgm` extensions (both "trusted": a database owner may create them; Debian's
 * postgresql package ships them). `unaccent()` is only STABLE (it reads its dictionary by name), so an index
 * needs an IMMUTABLE wrapper that names the dictionary explicitly: `motcua_fold` (NFC, unaccent, lower case).
 */
export class DossierSearch1765080000001 implements MigrationInterface {
  name = 'DossierSearch1765080000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const [{ schema }]: Array<{ schema: string }> = await queryRunner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    const unaccent = `${quoteIdentifier(schema)}.unaccent`;
    await queryRunner.query(`
      CREATE FUNCTION motcua_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(${unaccent}('${unaccent}'::regdictionary, normalize(value, NFC))) $$`);
    await queryRunner.query(
      `CREATE INDEX dossier_applicant_name_fold_trgm_idx ON dossier USING gin (motcua_fold(applicant_name) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX dossier_applicant_identity_idx ON dossier ((applicant->>'identityNumber'), received_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX dossier_applicant_phone_idx ON dossier ((applicant->>'phone'))`);
    await queryRunner.query(`CREATE INDEX dossier_code_pattern_idx ON dossier (code text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dossier_code_pattern_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_phone_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_identity_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_name_fold_trgm_idx`);
    await queryRunner.query(`DROP FUNCTION motcua_fold(text)`);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
