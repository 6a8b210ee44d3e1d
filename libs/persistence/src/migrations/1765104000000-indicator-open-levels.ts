import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: where unfinished dossiers stand at a period end (open, late for the national index, overdue for the
 * report) is read from level metrics instead of classifying every open dossier's facts in TypeScript. Their day
 * deltas live in `indicator_daily_counter` (metrics `level.*`, under a partial index by day) and their running sums
 * per agency × procedure × channel in `indicator_level_total`; the level at the end of a day D is the total minus the
 * deltas of days after D (future-dated deltas included: a dossier becomes late on a known day).
 * The projections are emptied and the `indicators` subscriber's cursor moved back, so it replays the log with the
 * new metrics (the same as `npm run indicators:rebuild`).
 */
export class IndicatorOpenLevels1765104000000 implements MigrationInterface {
  name = 'IndicatorOpenLevels1765104000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator_level_total (
        agency_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        channel text NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (agency_id, procedure_id, channel, metric)
      )`);
    await queryRunner.query(`
      CREATE INDEX indicator_counter_level_day ON indicator_daily_counter (day)
        INCLUDE (agency_id, procedure_id, channel, metric, value) WHERE metric LIKE 'level.%'`);
    await queryRunner.query(`DELETE FROM indicator_daily_counter`);
    await queryRunner.query(`DELETE FROM indicator_dossier_fact`);
    await queryRunner.query(
      `UPDATE event_subscriber SET position_tx = '0'::xid8, position_id = 0, applied_count = 0 WHERE name = 'indicators'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM indicator_daily_counter WHERE metric LIKE 'level.%'`);
    await queryRunner.query(`DROP INDEX indicator_counter_level_day`);
    await queryRunner.query(`DROP TABLE indicator_level_total`);
  }
}
