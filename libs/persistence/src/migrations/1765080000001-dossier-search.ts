import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: dossier search for desk officers and supervisors. Accent-insensitive applicant names through the
 * contrib `unaccent` extension ("trusted": a database owner may create it; Debian's postgresql package ships it).
 * `unaccent()` is only STABLE (it reads its dictionary by name), so an index needs an IMMUTABLE wrapper that names
 * the dictionary explicitly: `motcua_fold` (NFC, unaccent, lower case).
 *
 * Names are found by their words in order from any word ("nguyen van a", "van anh" and "anh" all find "Nguyễn Văn
 * Ánh"): a trigger keeps one row per word-suffix of the folded name in `dossier_name_key`, with the dossier's received
 * time and agency, under a btree prefix index that covers them. A search reads exactly the matching keys (index
 * only) and sorts the newest. Trigram or word (tsvector) GIN indexes were measured slower at 1M dossiers: Vietnamese
 * names share a few very common syllables (Nguyễn ≈ 38 %, Văn, Thị), whose posting lists every such search must
 * intersect (bench/reports/dossier-search.md). pg_trgm is installed for later fuzzy matching.
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
    // The search form of a name or a query: folded words separated by one space.
    await queryRunner.query(`
      CREATE FUNCTION motcua_name_words(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT btrim(regexp_replace(motcua_fold(value), '[^a-z0-9]+', ' ', 'g')) $$`);
    // "nguyen van anh" → "nguyen van anh", "van anh", "anh".
    await queryRunner.query(`
      CREATE FUNCTION motcua_name_keys(value text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT array_to_string(words[i:], ' ')
              FROM (SELECT string_to_array(motcua_name_words(value), ' ') AS words) AS split,
                   generate_subscripts(words, 1) AS i
              WHERE words <> '{}' AND words <> '{""}' $$`);
    await queryRunner.query(`
      CREATE TABLE dossier_name_key (
        dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        receiving_agency_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        key text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dossier_name_key_dossier_idx ON dossier_name_key (dossier_id)`);
    await queryRunner.query(
      `CREATE INDEX dossier_name_key_prefix_idx ON dossier_name_key (key text_pattern_ops) INCLUDE (received_at, receiving_agency_id, dossier_id)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION motcua_refresh_dossier_name_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.applicant_name IS NOT DISTINCT FROM OLD.applicant_name
           AND NEW.received_at IS NOT DISTINCT FROM OLD.received_at
           AND NEW.receiving_agency_id IS NOT DISTINCT FROM OLD.receiving_agency_id THEN
          RETURN NEW;
        END IF;
        DELETE FROM dossier_name_key WHERE dossier_id = NEW.id;
        INSERT INTO dossier_name_key (dossier_id, receiving_agency_id, received_at, key)
          SELECT NEW.id, NEW.receiving_agency_id, NEW.received_at, name_key FROM motcua_name_keys(NEW.applicant_name) AS name_key;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER dossier_name_keys AFTER INSERT OR UPDATE OF applicant_name, received_at, receiving_agency_id ON dossier
        FOR EACH ROW EXECUTE FUNCTION motcua_refresh_dossier_name_keys()`);
    await queryRunner.query(`
      INSERT INTO dossier_name_key (dossier_id, receiving_agency_id, received_at, key)
        SELECT d.id, d.receiving_agency_id, d.received_at, name_key FROM dossier d, motcua_name_keys(d.applicant_name) AS name_key`);
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
    await queryRunner.query(`DROP TRIGGER dossier_name_keys ON dossier`);
    await queryRunner.query(`DROP FUNCTION motcua_refresh_dossier_name_keys()`);
    await queryRunner.query(`DROP TABLE dossier_name_key`);
    await queryRunner.query(`DROP FUNCTION motcua_name_keys(text)`);
    await queryRunner.query(`DROP FUNCTION motcua_name_words(text)`);
    await queryRunner.query(`DROP FUNCTION motcua_fold(text)`);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
