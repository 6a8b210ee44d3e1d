import { formatSolarDate, lunarNewYear, lunarToSolar, solarToLunar } from './lunar';

const iso = (d: { year: number; month: number; day: number } | null) => (d ? formatSolarDate(d) : null);

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2024, '2024-02-10'],
  ])('Tết %i is %s', (year, expected) => {
    expect(iso(lunarNewYear(year))).toBe(expected);
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Hùng Kings day (10/3 lunar) %i is %s', (year, expected) => {
    expect(iso(lunarToSolar({ year, month: 3, day: 10, leap: false }))).toBe(expected);
  });

  it('1985: Vietnamese Tết (UTC+7) differs from the Chinese one (UTC+8)', () => {
    expect(iso(lunarNewYear(1985))).toBe('1985-01-21');
    expect(iso(lunarNewYear(1985, 8))).toBe('1985-02-20');
  });

  it('converts solar to lunar and back', () => {
    expect(solarToLunar({ year: 2025, month: 1, day: 29 })).toEqual({ year: 2025, month: 1, day: 1, leap: false });
    expect(solarToLunar({ year: 2025, month: 1, day: 28 })).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    for (let jd = 0; jd < 800; jd += 7) {
      const solar = new Date(Date.UTC(2019, 0, 1 + jd));
      const s = { year: solar.getUTCFullYear(), month: solar.getUTCMonth() + 1, day: solar.getUTCDate() };
      expect(lunarToSolar(solarToLunar(s))).toEqual(s);
    }
  });

  it('knows leap months (2025 has a leap 6th month) and rejects missing ones', () => {
    expect(solarToLunar({ year: 2025, month: 7, day: 25 })).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toEqual({ year: 2025, month: 7, day: 25 });
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeNull();
  });
});
