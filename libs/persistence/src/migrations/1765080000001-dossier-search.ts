import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: dossier search for desk officers and supervisors. Accent-insensitive applicant names through the
 * contrib `unaccent` extension ("trusted": a database owner may create it; Debian's postgresql package ships it).
 * `unaccent()` is only STABLE (it reads its dictionary by name), so an index needs an IMMUTABLE wrapper that names
 * the dictionary explicitly: `motcua_fold` (NFC, unaccent, lower case).
 *
 * Names are matched by words (every query word present, the last one as a prefix) through a GIN index over the
 * folded words rather than a pg_trgm index: Vietnamese names share a few very common syllables (Nguyễn ≈ 38 %,
 * Văn, Thị), whose trigram posting lists made every trigram search read hundreds of thousands of entries at 1M
 * dossiers, and whose LIKE selectivity the planner cannot estimate; ANALYZE keeps word frequencies of the indexed
 * tsvector, so the planner walks the newest-first index for common names and the word index for rare ones
 * (bench/reports/dossier-search.md). pg_trgm is installed for later fuzzy matching.
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
    await queryRunner.query(`
      CREATE FUNCTION motcua_name_words(value text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT to_tsvector('simple'::regconfig, regexp_replace(motcua_fold(value), '[^a-z0-9]+', ' ', 'g')) $$`);
    // "nguyen van a" → 'nguyen' & 'van' & 'a':* (the last word may still be being typed); null when no word is left.
    await queryRunner.query(`
      CREATE FUNCTION motcua_name_query(value text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT CASE WHEN words = '' THEN NULL
                          ELSE to_tsquery('simple'::regconfig, replace(words, ' ', ' & ') || ':*') END
              FROM (SELECT btrim(regexp_replace(motcua_fold(value), '[^a-z0-9]+', ' ', 'g')) AS words) AS folded $$`);
    await queryRunner.query(
      `CREATE INDEX dossier_applicant_name_words_idx ON dossier USING gin (motcua_name_words(applicant_name))`,
    );
    await queryRunner.query(
      `CREATE INDEX dossier_applicant_identity_idx ON dossier ((applicant->>'identityNumber'), received_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX dossier_applicant_phone_idx ON dossier ((applicant->>'phone'))`);
    await queryRunner.query(`CREATE INDEX dossier_code_pattern_idx ON dossier (code text_pattern_ops)`);
    // Newest first across a supervisor's whole subtree (search without a name, e.g. by status or procedure).
    await queryRunner.query(`CREATE INDEX dossier_received_idx ON dossier (received_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dossier_received_idx`);
    await queryRunner.query(`DROP INDEX dossier_code_pattern_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_phone_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_identity_idx`);
    await queryRunner.query(`DROP INDEX dossier_applicant_name_words_idx`);
    await queryRunner.query(`DROP FUNCTION motcua_name_query(text)`);
    await queryRunner.query(`DROP FUNCTION motcua_name_words(text)`);
    await queryRunner.query(`DROP FUNCTION motcua_fold(text)`);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
