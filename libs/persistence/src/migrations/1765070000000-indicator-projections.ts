import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: indicator projections fed by the `indicators` event subscriber. One facts row per received dossier (what
 * GET /reports/dossier-facts serves, and the open dossiers at a period end) and daily counters per local day ×
 * agency × procedure × channel × metric, so indicator and report queries sum days, not history.
 */
export class IndicatorProjections1765070000000 implements MigrationInterface {
  name = 'IndicatorProjections1765070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator_dossier_fact (
        dossier_id uuid PRIMARY KEY,
        agency_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        channel text NOT NULL,
        received_at timestamptz NOT NULL,
        ended_at timestamptz,
        -- the last instant the dossier adds to a counter: a period's facts are those received by its end and active after its start
        last_fact_at timestamptz NOT NULL,
        facts jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX indicator_fact_received ON indicator_dossier_fact (received_at)`);
    await queryRunner.query(`CREATE INDEX indicator_fact_last ON indicator_dossier_fact (last_fact_at)`);
    await queryRunner.query(
      `CREATE INDEX indicator_fact_open ON indicator_dossier_fact (received_at) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE indicator_daily_counter (
        day date NOT NULL,
        agency_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        channel text NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (day, agency_id, procedure_id, channel, metric)
      )`);
    await queryRunner.query(`CREATE INDEX indicator_counter_agency_day ON indicator_daily_counter (agency_id, day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE indicator_daily_counter`);
    await queryRunner.query(`DROP TABLE indicator_dossier_fact`);
  }
}
