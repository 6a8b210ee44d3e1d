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

  it('2025: Tết Mon 27 – Fri 31 Jan as the notice fixed it (off Sat 25 Jan – Sun 2 Feb), back on Monday 3 Feb', () => {
    const rows = seedHolidays(2025);
    expect(dates(rows)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-26',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(rows.filter((row) => /Nghỉ bù Tết/.test(row.name))).toEqual([]);
  });

  it('30 Apr – 1 May swaps of the yearly notices: 2025 Fri 2 May off, Sat 26 Apr worked; 2024 Mon 29 Apr / Sat 4 May', () => {
    const kindOf = (year: number, date: string) => seedHolidays(year).find((row) => row.date === date)?.kind;
    expect(kindOf(2025, '2025-05-02')).toBe('holiday');
    expect(kindOf(2025, '2025-04-26')).toBe('working');
    expect(kindOf(2024, '2024-04-29')).toBe('holiday');
    expect(kindOf(2024, '2024-05-04')).toBe('working');
    // Off Sat 27 Apr – Wed 1 May 2024 (5 days): the only 2024 rows in that span are 29 Apr, 30 Apr, 1 May.
    expect(dates(seedHolidays(2024).filter((row) => row.date >= '2024-04-27' && row.date <= '2024-05-04'))).toEqual([
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-04',
    ]);
    // No notice swap known for 2026 (admins add it); an explicit empty list seeds none.
    expect(seedHolidays(2026).some((row) => row.kind === 'working')).toBe(false);
    expect(seedHolidays(2025, { daySwaps: [] }).some((row) => row.date === '2025-05-02')).toBe(false);
  });

  it('2024: Tết as the notice fixed it, 2 days before and 3 after (Thu 8 – Wed 14 Feb with the weekend substitutes)', () => {
    // 1st day of Giáp Thìn: Sat 10 Feb. Tết days 8, 9, 10, 11, 12 Feb; 10 (Sat) and 11 (Sun) → substitutes 13, 14.
    const february = seedHolidays(2024).filter((row) => row.date.startsWith('2024-02'));
    expect(dates(february)).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(february.find((row) => row.date === '2024-02-14')?.name).toMatch(/2024-02-11/);
    // Back at work on Thursday 15 Feb; explicit offsets still win over the year's.
    expect(dates(seedHolidays(2024, { tetOffsets: [-1, 0, 1, 2, 3] }))).toContain('2024-02-15');
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
