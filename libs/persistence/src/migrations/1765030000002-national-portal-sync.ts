import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National-portal sync (issue 14): the status messages owed to the portal, one per status change of a dossier
 * (unique per event), sent in sequence order per dossier; the last synced position per dossier; and what the
 * embedded sandbox receiver got (one row per message id, with the number of deliveries).
 */
export class NationalPortalSync1765030000002 implements MigrationInterface {
  name = 'NationalPortalSync1765030000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE national_sync_state (
        dossier_id uuid PRIMARY KEY REFERENCES dossier (id),
        last_sequence int NOT NULL,
        last_status_code int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE national_sync_message (
        id uuid PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossier (id),
        event_id bigint NOT NULL,
        sequence int NOT NULL,
        status_code int NOT NULL CHECK (status_code BETWEEN 1 AND 10),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        UNIQUE (dossier_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX national_sync_message_unsent_idx ON national_sync_message (dossier_id, sequence) WHERE sent_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE national_portal_sandbox_message (
        message_id text PRIMARY KEY,
        dossier_code text NOT NULL,
        sequence int NOT NULL,
        status_code int NOT NULL,
        payload jsonb NOT NULL,
        received_order bigserial NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        deliveries int NOT NULL DEFAULT 1
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE national_portal_sandbox_message`);
    await queryRunner.query(`DROP TABLE national_sync_message`);
    await queryRunner.query(`DROP TABLE national_sync_state`);
  }
}
