import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event subscribers (issue 9): a commit-ordered read of `dossier_event` and one durable cursor row per subscriber.
 *
 * `dossier_event.tx_order` is the writing transaction's id (xid8), raised to the previous event's value of the same
 * dossier when that is higher (so it never decreases along a dossier's chain). A reader takes only events whose
 * `tx_order` is below the oldest transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`): every
 * event that can still appear has a `tx_order` at or above that horizon, so reading in (tx_order, id) order never
 * skips an event whose transaction commits late. Existing rows get 0 (all committed: read first, in id order).
 */
export class EventSubscribers1765020000000 implements MigrationInterface {
  name = 'EventSubscribers1765020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Constant default first (no table rewrite), then the per-transaction default for new rows.
    await queryRunner.query(`ALTER TABLE dossier_event ADD COLUMN tx_order xid8 NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE dossier_event ALTER COLUMN tx_order SET DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`CREATE INDEX dossier_event_tx_order_idx ON dossier_event (tx_order, id)`);
    await queryRunner.query(`
      CREATE TABLE event_subscriber (
        name text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9.-]*$'),
        event_types text[],
        position_tx xid8 NOT NULL,
        position_id bigint NOT NULL,
        applied_count bigint NOT NULL DEFAULT 0,
        applied_at timestamptz,
        failure_count int NOT NULL DEFAULT 0,
        last_error text,
        last_error_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE event_subscriber`);
    await queryRunner.query(`DROP INDEX dossier_event_tx_order_idx`);
    await queryRunner.query(`ALTER TABLE dossier_event DROP COLUMN tx_order`);
  }
}
