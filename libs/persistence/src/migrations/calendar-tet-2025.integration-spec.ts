import { seedHolidays } from '@motcua/domain';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { CalendarRepository } from '../calendar/calendar.repository';
import { createDataSource } from '../database/data-source';
import { CalendarTet20251765305000000 } from './1765305000000-calendar-tet-2025';

/** The migrated calendar's 2025 holidays are the domain seed's (Tết Mon 27 – Fri 31 Jan); admin rows stay. */
describe('calendar migration: Tết 2025 as the notice fixed it', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const holidays2025 = async (): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT date::text AS date FROM calendar_day
         WHERE kind = 'holiday' AND date BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY date`,
      )
    ).map((row: { date: string }) => row.date);

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('seeds the same 2025 holidays as seedHolidays(2025): off 27–31 Jan, working Mon 3 Feb', async () => {
    expect(await holidays2025()).toEqual(
      seedHolidays(2025)
        .filter((row) => row.kind === 'holiday')
        .map((row) => row.date),
    );
    const calendar = await new CalendarRepository(dataSource.manager).loadCalendar();
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    // 1765402000000-calendar-swaps-2025: the notice's swap, Fri 2 May off and Sat 26 Apr worked.
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
  });

  it('down restores the old seed; up leaves a row an admin edited', async () => {
    const migration = new CalendarTet20251765305000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await holidays2025()).toEqual(expect.arrayContaining(['2025-02-01', '2025-02-03']));
      expect(await holidays2025()).not.toContain('2025-01-27');
      await dataSource.query(
        `UPDATE calendar_day SET name = 'Nghỉ theo quyết định của tỉnh' WHERE date = '2025-02-03'`,
      );
      await migration.up(runner);
      const after = await holidays2025();
      expect(after).toContain('2025-01-27');
      expect(after).not.toContain('2025-02-01');
      expect(after).toContain('2025-02-03');
    } finally {
      await runner.release();
    }
  });
});
