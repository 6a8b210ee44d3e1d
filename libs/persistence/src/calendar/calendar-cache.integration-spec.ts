import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { createDataSource } from '../database/data-source';
import { CalendarRepository } from './calendar.repository';

// Monday 2 Nov 2026: a working day in the seeded calendar.
const MONDAY = '2026-11-02';

/**
 * The per-process calendar cache (issue 16): loadCalendar reuses the parsed calendar while calendar_revision is
 * unchanged, and every write to calendar_day (saved, deleted, rolled back, another connection) is seen at once.
 */
describe('CalendarRepository.loadCalendar cache', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let other: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    other = createDataSource({ url: database.url, poolSize: 1 });
    await Promise.all([dataSource.initialize(), other.initialize()]);
  });

  afterAll(async () => {
    await Promise.all([dataSource?.destroy(), other?.destroy()]);
    await database?.drop();
  });

  it('returns the same calendar while nothing changed, keyed by settings', async () => {
    const calendars = new CalendarRepository(dataSource.manager);
    const first = await calendars.loadCalendar();
    expect(await calendars.loadCalendar()).toBe(first);
    expect(await new CalendarRepository(dataSource.manager).loadCalendar({ timeZoneOffsetMinutes: 0 })).not.toBe(first);
    expect(first.isWorkingDay(MONDAY)).toBe(true);
  });

  it('sees a holiday saved through another connection, and its removal', async () => {
    const calendars = new CalendarRepository(dataSource.manager);
    const before = await calendars.loadCalendar();
    await new CalendarRepository(other.manager).saveDay({ date: MONDAY, kind: 'holiday', name: 'Nghỉ thử' });
    const after = await calendars.loadCalendar();
    expect(after).not.toBe(before);
    expect(after.isWorkingDay(MONDAY)).toBe(false);
    await new CalendarRepository(other.manager).deleteDay(MONDAY);
    expect((await calendars.loadCalendar()).isWorkingDay(MONDAY)).toBe(true);
  });

  it("sees its own transaction's uncommitted edit, and forgets it after a rollback", async () => {
    await dataSource
      .transaction(async (manager) => {
        await new CalendarRepository(manager).saveDay({ date: MONDAY, kind: 'holiday', name: 'Nghỉ thử' });
        expect((await new CalendarRepository(manager).loadCalendar()).isWorkingDay(MONDAY)).toBe(false);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect((await new CalendarRepository(dataSource.manager).loadCalendar()).isWorkingDay(MONDAY)).toBe(true);
  });

  it('keeps the calendar stamp equal to the table fingerprint through edits', async () => {
    const fingerprint = async () =>
      (
        await other.query(
          `SELECT md5(coalesce(string_agg(date::text || kind || coalesce(windows::text, ''), ',' ORDER BY date), '')) AS stamp FROM calendar_day`,
        )
      )[0].stamp;
    const calendars = new CalendarRepository(dataSource.manager);
    const before = await calendars.calendarStamp();
    expect(before).toBe(await fingerprint());
    await new CalendarRepository(other.manager).saveDay({ date: MONDAY, kind: 'holiday', name: 'Nghỉ thử' });
    const after = await calendars.calendarStamp();
    expect(after).not.toBe(before);
    expect(after).toBe(await fingerprint());
    await new CalendarRepository(other.manager).deleteDay(MONDAY);
    expect(await calendars.calendarStamp()).toBe(before);
  });

  it('sees rows changed by plain SQL (the trigger covers every statement)', async () => {
    const calendars = new CalendarRepository(dataSource.manager);
    await calendars.loadCalendar();
    await other.query(`INSERT INTO calendar_day (date, kind, name, source) VALUES ($1, 'holiday', 'SQL', 'test')`, [
      MONDAY,
    ]);
    expect((await calendars.loadCalendar()).isWorkingDay(MONDAY)).toBe(false);
    await other.query(`UPDATE calendar_day SET kind = 'working' WHERE date = $1`, [MONDAY]);
    expect((await calendars.loadCalendar()).isWorkingDay(MONDAY)).toBe(true);
  });
});
