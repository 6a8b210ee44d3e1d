import { MigrationInterface, QueryRunner } from 'typeorm';

const SEED_SOURCE = 'seed:BLLD-2019';
const SOURCE = 'Thông báo lịch nghỉ lễ 30/4, 1/5 năm 2025 (Bộ LĐTBXH, Thủ tướng đồng ý)';
const DAY_OFF = `Nghỉ hoán đổi, làm bù ngày 2025-04-26 (${SOURCE})`;
const WORKING = `Làm bù cho ngày nghỉ 2025-05-02 (${SOURCE})`;

/**
 * Adds the 2025 swap of the Government's holiday notice to the seeded calendar (1763800100000-calendar-seed): Fri 2 May
 * 2025 off, worked on Sat 26 Apr instead, so 30 Apr – 1 May 2025 was off Wed 30 Apr – Sun 4 May
 * (`NOTICE_DAY_SWAPS_BY_YEAR` in libs/domain/src/calendar/holiday-seed.ts). A day an admin already wrote stays as it
 * is. A past year: appointments already computed over those days are not recomputed by this migration.
 */
export class CalendarSwaps20251765402000000 implements MigrationInterface {
  name = 'CalendarSwaps20251765402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO calendar_day (date, kind, name, source)
       VALUES ('2025-05-02', 'holiday', $2, $1), ('2025-04-26', 'working', $3, $1)
       ON CONFLICT (date) DO NOTHING`,
      [SEED_SOURCE, DAY_OFF, WORKING],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM calendar_day WHERE source = $1
         AND ((date = '2025-05-02' AND kind = 'holiday' AND name = $2)
           OR (date = '2025-04-26' AND kind = 'working' AND name = $3))`,
      [SEED_SOURCE, DAY_OFF, WORKING],
    );
  }
}
