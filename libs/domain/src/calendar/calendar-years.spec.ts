import { calendarYearsToGenerate, localYearOf, uncoveredDeadlineYears } from './calendar-years';
import { seedHolidays } from './holiday-seed';

describe('calendar years', () => {
  it('judges the year in local time (UTC+7)', () => {
    expect(localYearOf(new Date('2027-12-31T16:59:00Z'))).toBe(2027);
    expect(localYearOf(new Date('2027-12-31T17:00:00Z'))).toBe(2028); // 1 Jan 2028 00:00 in Hà Nội
  });

  it('generates the current year and two ahead that are missing', () => {
    expect(calendarYearsToGenerate(new Date('2026-11-26T03:00:00Z'), [2025, 2026, 2027])).toEqual([2028]);
    expect(calendarYearsToGenerate(new Date('2031-03-03T01:00:00Z'), [2025, 2026, 2027])).toEqual([2031, 2032, 2033]);
    expect(calendarYearsToGenerate(new Date('2026-11-26T03:00:00Z'), [2026, 2027, 2028])).toEqual([]);
  });

  it('reports deadline years without generated rows', () => {
    const now = new Date('2026-11-26T03:00:00Z');
    expect(uncoveredDeadlineYears(now, new Date('2028-02-01T03:00:00Z'), [2025, 2026, 2027])).toEqual([2028]);
    expect(uncoveredDeadlineYears(now, new Date('2027-02-01T03:00:00Z'), [2026, 2027])).toEqual([]);
    expect(uncoveredDeadlineYears(now, null, [2025])).toEqual([2026]);
  });

  it('the 2028–2030 holidays it would generate include Tết and Hùng Kings day on their lunar dates (UTC+7)', () => {
    // Tết 2028 is Wed 26 Jan 2028 (offsets -1…3 → 25–29 Jan); Hùng Kings day (10th day, 3rd lunar month) Tue 4 Apr 2028.
    const days2028 = seedHolidays(2028).map((day) => day.date);
    expect(days2028).toEqual(expect.arrayContaining(['2028-01-25', '2028-01-26', '2028-01-29', '2028-04-04']));
    // Tết 2029 is Tue 13 Feb 2029; Tết 2030 is Sun 3 Feb 2030.
    expect(seedHolidays(2029).map((day) => day.date)).toEqual(expect.arrayContaining(['2029-02-13']));
    expect(seedHolidays(2030).map((day) => day.date)).toEqual(expect.arrayContaining(['2030-02-03']));
  });
});
