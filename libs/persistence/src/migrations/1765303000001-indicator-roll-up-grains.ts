import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 acceptance 5: counters without the procedure dimension and without the agency dimension, daily and
 * monthly, so that a 12-month indicator or report reads 12 rows per agency (or per procedure) × channel × metric
 * instead of 12 per agency × procedure × channel × metric (77k rows for a province at 1M dossiers: 340–380 ms).
 * - `indicator_agency_daily_counter` / `indicator_agency_monthly_counter`: per day (month) × agency × channel × metric,
 *   for queries with no procedure or field filter, ungrouped or grouped by agency;
 * - `indicator_procedure_daily_counter` / `indicator_procedure_monthly_counter`: per day (month) × procedure × channel ×
 *   metric, for queries over every agency (a province), ungrouped or by procedure / field, with or without a procedure
 *   or field filter.
 * Each is the sum of the daily counters over the dimension it drops (flows and level deltas alike); the projection's
 * `addCounters` writes them in the same transaction as the daily rows, the rebuild empties them and the check compares
 * them with the recomputation. Backfilled here from the daily counters under a SHARE lock.
 */
export class IndicatorRollUpGrains1765303000001 implements MigrationInterface {
  name = 'IndicatorRollUpGrains1765303000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [dimension, date] of [
      ['agency', 'day'],
      ['agency', 'month'],
      ['procedure', 'day'],
      ['procedure', 'month'],
    ]) {
      const table = `indicator_${dimension}_${date === 'day' ? 'daily' : 'monthly'}_counter`;
      await queryRunner.query(`
        CREATE TABLE ${table} (
          ${date} date NOT NULL ${date === 'month' ? 'CHECK (extract(day FROM month) = 1)' : ''},
          ${dimension}_id uuid NOT NULL,
          channel text NOT NULL,
          metric text NOT NULL,
          value bigint NOT NULL,
          PRIMARY KEY (${date}, ${dimension}_id, channel, metric) INCLUDE (value)
        )`);
    }
    await queryRunner.query(`LOCK TABLE indicator_daily_counter IN SHARE MODE`);
    for (const dimension of ['agency', 'procedure']) {
      await queryRunner.query(`
        INSERT INTO indicator_${dimension}_daily_counter (day, ${dimension}_id, channel, metric, value)
        SELECT day, ${dimension}_id, channel, metric, sum(value) FROM indicator_daily_counter
        GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0`);
      await queryRunner.query(`
        INSERT INTO indicator_${dimension}_monthly_counter (month, ${dimension}_id, channel, metric, value)
        SELECT date_trunc('month', day)::date, ${dimension}_id, channel, metric, sum(value) FROM indicator_daily_counter
        GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'indicator_agency_daily_counter',
      'indicator_agency_monthly_counter',
      'indicator_procedure_daily_counter',
      'indicator_procedure_monthly_counter',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
