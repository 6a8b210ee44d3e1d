import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 acceptance 5: monthly roll-ups of the daily indicator counters, so a quarter or a 12-month indicator /
 * report sums whole months (plus the days at the edges) instead of every day. `indicator_monthly_counter` holds, per
 * first day of a local month × agency × procedure × channel × metric (flows and level deltas alike), the sum of that
 * month's daily rows; the projection's `addCounters` adds every delta to both tables in the subscriber's transaction.
 * Backfilled here from the daily rows under a SHARE lock (no counter write can slip between the backfill and the
 * commit). Both are read index only: the primary key carries the value, and a covering partial index serves the flow
 * rows of the edge days.
 */
export class IndicatorMonthlyCounters1765202000000 implements MigrationInterface {
  name = 'IndicatorMonthlyCounters1765202000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator_monthly_counter (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        agency_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        channel text NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (month, agency_id, procedure_id, channel, metric) INCLUDE (value)
      )`);
    await queryRunner.query(`LOCK TABLE indicator_daily_counter IN SHARE MODE`);
    await queryRunner.query(`
      INSERT INTO indicator_monthly_counter (month, agency_id, procedure_id, channel, metric, value)
      SELECT date_trunc('month', day)::date, agency_id, procedure_id, channel, metric, sum(value)
      FROM indicator_daily_counter GROUP BY 1, 2, 3, 4, 5 HAVING sum(value) <> 0`);
    await queryRunner.query(`
      CREATE INDEX indicator_counter_flow_day ON indicator_daily_counter (day)
        INCLUDE (agency_id, procedure_id, channel, metric, value) WHERE metric NOT LIKE 'level.%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX indicator_counter_flow_day`);
    await queryRunner.query(`DROP TABLE indicator_monthly_counter`);
  }
}
