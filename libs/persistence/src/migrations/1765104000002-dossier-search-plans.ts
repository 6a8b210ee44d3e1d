import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, acceptance 5 (bench/reports/dossier-search.md): two search shapes read every key of a common name.
 * - A lone family name ("hoang": ~12 % of 1M names, 121k keys) read and sorted all its keys to return the newest 20.
 *   `dossier_name_key_recent_idx` lets a common name walk the newest keys instead (index only, stops after a page).
 * - A name with a procedure read every matching dossier by primary key (4,500 look-ups for "thu ha") to filter on
 *   the procedure. The procedure never changes once received, so the key rows carry it and the prefix index covers
 *   it: the filter happens inside the index scan.
 */
export class DossierSearchPlans1765104000002 implements MigrationInterface {
  name = 'DossierSearchPlans1765104000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_name_key ADD COLUMN procedure_id uuid`);
    await queryRunner.query(
      `UPDATE dossier_name_key k SET procedure_id = d.procedure_id FROM dossier d WHERE d.id = k.dossier_id`,
    );
    await queryRunner.query(`ALTER TABLE dossier_name_key ALTER COLUMN procedure_id SET NOT NULL`);
    await queryRunner.query(`DROP INDEX dossier_name_key_prefix_idx`);
    await queryRunner.query(
      `CREATE INDEX dossier_name_key_prefix_idx ON dossier_name_key (key text_pattern_ops)
         INCLUDE (received_at, receiving_agency_id, dossier_id, procedure_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX dossier_name_key_recent_idx ON dossier_name_key (received_at DESC, dossier_id DESC)
         INCLUDE (key, receiving_agency_id)`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION motcua_refresh_dossier_name_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.applicant_name IS NOT DISTINCT FROM OLD.applicant_name
           AND NEW.received_at IS NOT DISTINCT FROM OLD.received_at
           AND NEW.receiving_agency_id IS NOT DISTINCT FROM OLD.receiving_agency_id
           AND NEW.procedure_id IS NOT DISTINCT FROM OLD.procedure_id THEN
          RETURN NEW;
        END IF;
        DELETE FROM dossier_name_key WHERE dossier_id = NEW.id;
        INSERT INTO dossier_name_key (dossier_id, receiving_agency_id, received_at, key, procedure_id)
          SELECT NEW.id, NEW.receiving_agency_id, NEW.received_at, name_key, NEW.procedure_id
          FROM motcua_name_keys(NEW.applicant_name) AS name_key;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER dossier_name_keys ON dossier`);
    await queryRunner.query(`
      CREATE TRIGGER dossier_name_keys
        AFTER INSERT OR UPDATE OF applicant_name, received_at, receiving_agency_id, procedure_id ON dossier
        FOR EACH ROW EXECUTE FUNCTION motcua_refresh_dossier_name_keys()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER dossier_name_keys ON dossier`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION motcua_refresh_dossier_name_keys() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`DROP INDEX dossier_name_key_recent_idx`);
    await queryRunner.query(`DROP INDEX dossier_name_key_prefix_idx`);
    await queryRunner.query(
      `CREATE INDEX dossier_name_key_prefix_idx ON dossier_name_key (key text_pattern_ops) INCLUDE (received_at, receiving_agency_id, dossier_id)`,
    );
    await queryRunner.query(`ALTER TABLE dossier_name_key DROP COLUMN procedure_id`);
  }
}
