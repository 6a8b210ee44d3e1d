import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public holidays 2025–2027 from the Labour Code 2019 (45/2019/QH14) Art. 112, as produced by `seedHolidays`
 * in @motcua/domain when this migration was written (frozen here so the migration never changes). Admins edit
 * them to match each year's official notice (exact Tết days, swaps, make-up Saturdays).
 */
const HOLIDAYS: Array<[string, string]> = [
  ['2025-01-01', 'Tết Dương lịch (New Year)'],
  ['2025-01-28', 'Tết Nguyên đán (Lunar New Year)'],
  ['2025-01-29', 'Tết Nguyên đán (Lunar New Year)'],
  ['2025-01-30', 'Tết Nguyên đán (Lunar New Year)'],
  ['2025-01-31', 'Tết Nguyên đán (Lunar New Year)'],
  ['2025-02-01', 'Tết Nguyên đán (Lunar New Year)'],
  ['2025-02-03', 'Nghỉ bù Tết Nguyên đán (Lunar New Year) (substitute day off for 2025-02-01)'],
  ['2025-04-07', 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration)'],
  ['2025-04-30', 'Ngày Chiến thắng (Reunification Day)'],
  ['2025-05-01', 'Ngày Quốc tế lao động (International Labour Day)'],
  ['2025-09-01', 'Quốc khánh (National Day)'],
  ['2025-09-02', 'Quốc khánh (National Day)'],
  ['2026-01-01', 'Tết Dương lịch (New Year)'],
  ['2026-02-16', 'Tết Nguyên đán (Lunar New Year)'],
  ['2026-02-17', 'Tết Nguyên đán (Lunar New Year)'],
  ['2026-02-18', 'Tết Nguyên đán (Lunar New Year)'],
  ['2026-02-19', 'Tết Nguyên đán (Lunar New Year)'],
  ['2026-02-20', 'Tết Nguyên đán (Lunar New Year)'],
  ['2026-04-26', 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration)'],
  ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (Hùng Kings Commemoration) (substitute day off for 2026-04-26)'],
  ['2026-04-30', 'Ngày Chiến thắng (Reunification Day)'],
  ['2026-05-01', 'Ngày Quốc tế lao động (International Labour Day)'],
  ['2026-09-01', 'Quốc khánh (National Day)'],
  ['2026-09-02', 'Quốc khánh (National Day)'],
  ['2027-01-01', 'Tết Dương lịch (New Year)'],
  ['2027-02-05', 'Tết Nguyên đán (Lunar New Year)'],
  ['2027-02-06', 'Tết Nguyên đán (Lunar New Year)'],
  ['2027-02-07', 'Tết Nguyên đán (Lunar New Year)'],
  ['2027-02-08', 'Tết Nguyên đán (Lunar New Year)'],
  ['2027-02-09', 'Tết Nguyên đán (Lunar New Year)'],
  ['2027-02-10', 'Nghỉ bù Tết Nguyên đán (Lunar New Year) (substitute day off for 2027-02-06)'],
  ['2027-02-11', 'Nghỉ bù Tết Nguyên đán (Lunar New Year) (substitute day off for 2027-02-07)'],
  ['2027-04-16', 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration)'],
  ['2027-04-30', 'Ngày Chiến thắng (Reunification Day)'],
  ['2027-05-01', 'Ngày Quốc tế lao động (International Labour Day)'],
  ['2027-05-03', 'Nghỉ bù Ngày Quốc tế lao động (International Labour Day) (substitute day off for 2027-05-01)'],
  ['2027-09-02', 'Quốc khánh (National Day)'],
  ['2027-09-03', 'Quốc khánh (National Day)'],
];

export class CalendarSeed1763800100000 implements MigrationInterface {
  name = 'CalendarSeed1763800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [date, name] of HOLIDAYS) {
      await queryRunner.query(
        `INSERT INTO calendar_day (date, kind, name, source) VALUES ($1, 'holiday', $2, 'seed:BLLD-2019')
         ON CONFLICT (date) DO NOTHING`,
        [date, name],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM calendar_day WHERE source = 'seed:BLLD-2019'`);
  }
}
