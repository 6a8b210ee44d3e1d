import { MigrationInterface, QueryRunner } from 'typeorm';

const SEED_SOURCE = 'seed:BLLD-2019';
const TET = 'Tết Nguyên đán (Lunar New Year)';

/**
 * Corrects the seeded Tết 2025 (1763800100000-calendar-seed): the notice fixed Tết as Mon 27 – Fri 31 Jan 2025 (off
 * Sat 25 Jan – Sun 2 Feb, back on Mon 3 Feb), not Tue 28 Jan – Sat 1 Feb with a substitute Mon 3 Feb
 * (`TET_OFFSETS_BY_YEAR` in libs/domain/src/calendar/holiday-seed.ts). Only rows still as seeded are touched: a row
 * an admin wrote or edited (another source, kind or name) stays. A past year: appointments already computed over
 * those days are not recomputed by this migration.
 */
export class CalendarTet20251765305000000 implements MigrationInterface {
  name = 'CalendarTet20251765305000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM calendar_day WHERE source = $1 AND kind = 'holiday'
         AND ((date = '2025-02-01' AND name = $2)
           OR (date = '2025-02-03' AND name = 'Nghỉ bù ' || $2 || ' (substitute day off for 2025-02-01)'))`,
      [SEED_SOURCE, TET],
    );
    await queryRunner.query(
      `INSERT INTO calendar_day (date, kind, name, source) VALUES ('2025-01-27', 'holiday', $2, $1)
       ON CONFLICT (date) DO NOTHING`,
      [SEED_SOURCE, TET],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM calendar_day WHERE source = $1 AND kind = 'holiday' AND date = '2025-01-27' AND name = $2`,
      [SEED_SOURCE, TET],
    );
    await queryRunner.query(
      `INSERT INTO calendar_day (date, kind, name, source)
       VALUES ('2025-02-01', 'holiday', $2, $1),
              ('2025-02-03', 'holiday', 'Nghỉ bù ' || $2 || ' (substitute day off for 2025-02-01)', $1)
       ON CONFLICT (date) DO NOTHING`,
      [SEED_SOURCE, TET],
    );
  }
}
