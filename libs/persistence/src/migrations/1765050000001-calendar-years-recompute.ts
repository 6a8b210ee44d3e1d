import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (calendar): which years have generated public holidays (`calendar_year`; the 2025–2027 rows of the
 * calendar seed migration count as generated), and the background recompute a calendar edit queues
 * (`calendar_recompute`: progress in batches, resumable from its cursor).
 */
export class CalendarYearsRecompute1765050000001 implements MigrationInterface {
  name = 'CalendarYearsRecompute1765050000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_year (
        year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
        holiday_rule_id text NOT NULL,
        days_added int NOT NULL,
        generated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO calendar_year (year, holiday_rule_id, days_added, generated_at)
      SELECT y, 'BLLD2019-ART112', (SELECT count(*)::int FROM calendar_day WHERE extract(year FROM date) = y), now()
      FROM generate_series(2025, 2027) AS y`);
    await queryRunner.query(`
      CREATE TABLE calendar_recompute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        calendar_date date NOT NULL,
        change text NOT NULL,
        actor_user_id uuid,
        actor_agency_id uuid,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
        candidates int NOT NULL DEFAULT 0,
        processed int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        cursor_dossier_id uuid,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX calendar_recompute_requested_idx ON calendar_recompute (requested_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_recompute`);
    await queryRunner.query(`DROP TABLE calendar_year`);
  }
}
