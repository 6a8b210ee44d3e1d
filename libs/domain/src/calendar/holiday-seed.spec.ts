import { seedHolidays, seedHolidaysByRule } from './holiday-seed';

const dates = (rows: Array<{ date: string }>) => rows.map((row) => row.date);

describe('seedHolidays (Labour Code 2019 Art. 112)', () => {
  it('2026: Tết around 17 Feb, Hùng Kings on a Sunday gets a substitute Monday, National Day + 1 Sep', () => {
    expect(dates(seedHolidays(2026))).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(seedHolidays(2026).every((row) => row.kind === 'holiday' && row.name.length > 0)).toBe(true);
  });

  it('2025: Tết ending on Saturday 1 Feb gets a substitute on Monday 3 Feb', () => {
    const rows = seedHolidays(2025);
    expect(dates(rows)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-03',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(rows.find((row) => row.date === '2025-02-03')?.name).toMatch(/2025-02-01/);
  });

  it('2024: National Day on Monday → 3 Sep by default; configurable', () => {
    expect(dates(seedHolidays(2024))).toEqual(expect.arrayContaining(['2024-09-02', '2024-09-03']));
    expect(dates(seedHolidays(2024, { nationalDayAdjacent: 'before' }))).toEqual(
      expect.arrayContaining(['2024-09-01', '2024-09-02', '2024-09-03']), // 1 Sep is Sunday → substitute 3 Sep
    );
    expect(dates(seedHolidays(2025, { nationalDayAdjacent: 'after' }))).toContain('2025-09-03');
  });

  it('Tết offsets are configurable', () => {
    const rows = seedHolidays(2027, { tetOffsets: [-2, -1, 0, 1, 2], substituteDays: false });
    expect(dates(rows).filter((date) => date.startsWith('2027-02'))).toEqual([
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
  });

  it('Culture Day 24 Nov only when enabled and from 2026-07-01', () => {
    expect(dates(seedHolidays(2026))).not.toContain('2026-11-24');
    expect(dates(seedHolidays(2026, { includeCultureDay: true }))).toContain('2026-11-24');
    expect(dates(seedHolidays(2025, { includeCultureDay: true }))).not.toContain('2025-11-24');
  });

  it('substitute days skip over other holidays', () => {
    // 2027: Tết 6 Feb is Saturday; 5–9 Feb off with 6 and 7 on the weekend → substitutes 10 and 11 Feb.
    expect(dates(seedHolidays(2027)).filter((date) => date.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
  });
});

describe('seedHolidaysByRule', () => {
  it('applies the named rule over several years', () => {
    const rows = seedHolidaysByRule('BLLD2019-ART112-CULTURE-DAY', [2026, 2027]);
    expect(rows.map((row) => row.date)).toEqual(expect.arrayContaining(['2026-01-01', '2026-11-24', '2027-11-24']));
    expect(seedHolidaysByRule('BLLD2019-ART112', [2026]).map((row) => row.date)).not.toContain('2026-11-24');
  });

  it('throws for an unknown rule', () => {
    expect(() => seedHolidaysByRule('nope', [2026])).toThrow(
      expect.objectContaining({ code: 'calendar.unknown-holiday-rule', kind: 'not-found' }),
    );
  });
});
