import { DomainError } from '../errors/domain-error';
import { formatSolarDate, lunarNewYear, lunarToSolar, SolarDate } from './lunar';
import { addCalendarDays, DayOverride, LocalDate, Weekday, weekdayOf } from './working-calendar';

/**
 * Seed for the admin-maintained calendar table, from the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14)
 * Art. 112. The Government fixes each year's exact Tết and National Day days off, swaps and make-up working
 * Saturdays by notice, so admins edit the seeded rows every year: this is data, not the source of truth.
 */
export interface HolidaySeedOptions {
  /**
   * Tết days off, as offsets from the 1st day of the lunar year. Art. 112.1(b) grants 5 days; the default is the
   * last day of the old year plus the first 4 days of the new one (the usual choice; fixed yearly by notice), except
   * the years in `TET_OFFSETS_BY_YEAR`.
   */
  tetOffsets?: number[];
  /**
   * Which day next to 2 Sep is off (Art. 112.1(đ): "2 Sep and one adjacent day before or after").
   * 'auto' (default) picks the side that joins a weekend: Mon → 3 Sep, Tue → 1 Sep, Thu → 3 Sep, otherwise 1 Sep.
   */
  nationalDayAdjacent?: 'before' | 'after' | 'auto';
  /** Weekly rest days of the agency, used for substitute days (default Saturday and Sunday). */
  weeklyRestDays?: Weekday[];
  /** Art. 112.3: a holiday on a weekly rest day is taken on the next working day (default true). */
  substituteDays?: boolean;
  /** 24 Nov "Vietnamese Culture Day" reported as a day off from 2026-07-01 (unverified; default false). */
  includeCultureDay?: boolean;
  /**
   * Working days the Government's yearly notice swapped (hoán đổi ngày làm việc): a weekday off, worked on a
   * Saturday instead. Default: `NOTICE_DAY_SWAPS_BY_YEAR[year]`; `[]` seeds none.
   */
  daySwaps?: readonly NoticeDaySwap[];
}

/** One swap of the yearly holiday notice: `dayOff` (a weekday) is taken off, `workingDay` (a Saturday) worked. */
export interface NoticeDaySwap {
  dayOff: LocalDate;
  workingDay: LocalDate;
  /** The notice the swap comes from. */
  source: string;
}

/** Holiday rule ids referenced by rule sets (`calendarHolidayRuleId`). */
export const HOLIDAY_RULES: Readonly<Record<string, Readonly<HolidaySeedOptions>>> = Object.freeze({
  // Labour Code 2019 (45/2019/QH14) Art. 112, in force from 2021-01-01.
  'BLLD2019-ART112': Object.freeze({}),
  // Same plus 24 Nov Culture Day from 2026-07-01 (unverified secondary source).
  'BLLD2019-ART112-CULTURE-DAY': Object.freeze({ includeCultureDay: true }),
});

const CULTURE_DAY_FROM: LocalDate = '2026-07-01';

/** The default Tết days: the last day of the old lunar year and the first 4 days of the new one. */
const DEFAULT_TET_OFFSETS: readonly number[] = [-1, 0, 1, 2, 3];

/**
 * Tết days the Government's yearly notice fixed differently from the default (offsets from the 1st day of the
 * lunar year): 2 days before Tết and 3 after.
 * - 2024 (Giáp Thìn, 1st day Sat 10 Feb): Tết Thu 8 – Mon 12 Feb; 10 and 11 Feb fall on the weekend → Tue 13 and
 *   Wed 14 off: civil servants off Thu 8 – Wed 14 Feb 2024 (Ministry of Labour proposal: 2 days before, 3 after).
 *   The default would have given Fri 9 – Thu 15 Feb.
 * - 2025 (Ất Tỵ, 1st day Wed 29 Jan): Tết Mon 27 – Fri 31 Jan, so civil servants are off Sat 25 Jan – Sun 2 Feb 2025
 *   (9 days, 26 tháng Chạp – mùng 5) and back on Mon 3 Feb. The default (Tue 28 Jan – Sat 1 Feb, substitute Mon
 *   3 Feb) kept Mon 27 Jan working and Mon 3 Feb off. Whether the notice also named a make-up Saturday (8 Feb) is
 *   not verified here: admins add such rows.
 */
export const TET_OFFSETS_BY_YEAR: Readonly<Record<number, readonly number[]>> = Object.freeze({
  2024: Object.freeze([-2, -1, 0, 1, 2]),
  2025: Object.freeze([-2, -1, 0, 1, 2]),
});

/**
 * Swaps fixed by the Government's yearly holiday notices for civil servants (Labour Code 2019 Art. 112; the Prime
 * Minister approves the Ministry's proposal each year). Not derivable from the Labour Code: data per year, like
 * `TET_OFFSETS_BY_YEAR`. Only notices checked against their published text are listed; admins add the others.
 * - 2024: Mon 29 Apr worked on Sat 4 May, so 30 Apr – 1 May 2024 was off Sat 27 Apr – Wed 1 May (5 days).
 * - 2025: Fri 2 May worked on Sat 26 Apr, so 30 Apr – 1 May 2025 was off Wed 30 Apr – Sun 4 May (5 days).
 */
export const NOTICE_DAY_SWAPS_BY_YEAR: Readonly<Record<number, readonly NoticeDaySwap[]>> = Object.freeze({
  2024: Object.freeze([
    {
      dayOff: '2024-04-29',
      workingDay: '2024-05-04',
      source: 'Thông báo lịch nghỉ lễ 30/4, 1/5 năm 2024 (Bộ LĐTBXH, Thủ tướng đồng ý)',
    },
  ]),
  2025: Object.freeze([
    {
      dayOff: '2025-05-02',
      workingDay: '2025-04-26',
      source: 'Thông báo lịch nghỉ lễ 30/4, 1/5 năm 2025 (Bộ LĐTBXH, Thủ tướng đồng ý)',
    },
  ]),
});

function iso(date: SolarDate): LocalDate {
  return formatSolarDate(date);
}

function nationalDayAdjacentDate(year: number, mode: 'before' | 'after' | 'auto'): LocalDate {
  const nationalDay = `${year}-09-02`;
  if (mode === 'before') return `${year}-09-01`;
  if (mode === 'after') return `${year}-09-03`;
  const weekday = weekdayOf(nationalDay);
  return weekday === 1 || weekday === 4 || weekday === 0 ? `${year}-09-03` : `${year}-09-01`;
}

/** Holidays (and substitute days off) for a Gregorian year, ready to use as `dayOverrides`. */
export function seedHolidays(year: number, options: HolidaySeedOptions = {}): DayOverride[] {
  const tetOffsets = options.tetOffsets ?? TET_OFFSETS_BY_YEAR[year] ?? DEFAULT_TET_OFFSETS;
  const restDays = new Set<number>(options.weeklyRestDays ?? [0, 6]);
  const holidays = new Map<LocalDate, string>();
  const add = (date: LocalDate, name: string) => {
    if (date.startsWith(`${year}-`) && !holidays.has(date)) holidays.set(date, name);
  };

  // Art. 112.1(a): Tết Dương lịch, 1 January.
  add(`${year}-01-01`, 'Tết Dương lịch (New Year)');
  // Art. 112.1(b): Tết Âm lịch, 5 days. Tết is never earlier than 21 Jan, so offsets ≥ -20 stay in the year.
  const tet = iso(lunarNewYear(year));
  for (const offset of tetOffsets) add(addCalendarDays(tet, offset), 'Tết Nguyên đán (Lunar New Year)');
  // Art. 112.1(e): Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month.
  const hungKings = lunarToSolar({ year, month: 3, day: 10, leap: false });
  if (hungKings) add(iso(hungKings), 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration)');
  // Art. 112.1(c), (d): 30 April and 1 May.
  add(`${year}-04-30`, 'Ngày Chiến thắng (Reunification Day)');
  add(`${year}-05-01`, 'Ngày Quốc tế lao động (International Labour Day)');
  // Art. 112.1(đ): 2 September and one adjacent day.
  add(`${year}-09-02`, 'Quốc khánh (National Day)');
  add(nationalDayAdjacentDate(year, options.nationalDayAdjacent ?? 'auto'), 'Quốc khánh (National Day)');
  // Reported addition from 2026-07-01 (unverified).
  if (options.includeCultureDay && `${year}-11-24` >= CULTURE_DAY_FROM) {
    add(`${year}-11-24`, 'Ngày Văn hóa Việt Nam (Vietnamese Culture Day)');
  }

  const rows: DayOverride[] = [...holidays].map(([date, name]) => ({ date, kind: 'holiday', name }));

  // Art. 112.3: a holiday falling on a weekly rest day is taken on the next working day(s).
  const swaps = (options.daySwaps ?? NOTICE_DAY_SWAPS_BY_YEAR[year] ?? []).filter(
    (swap) => swap.dayOff.startsWith(`${year}-`) && !holidays.has(swap.dayOff),
  );
  if (options.substituteDays ?? true) {
    const taken = new Set([...holidays.keys(), ...swaps.map((swap) => swap.dayOff)]);
    const sorted = [...holidays].sort(([a], [b]) => a.localeCompare(b));
    for (const [date, name] of sorted) {
      if (!restDays.has(weekdayOf(date))) continue;
      let candidate = addCalendarDays(date, 1);
      while (restDays.has(weekdayOf(candidate)) || taken.has(candidate)) candidate = addCalendarDays(candidate, 1);
      taken.add(candidate);
      rows.push({ date: candidate, kind: 'holiday', name: `Nghỉ bù ${name} (substitute day off for ${date})` });
    }
  }

  // The yearly notice's swaps: the weekday off, and the Saturday worked instead (standard office hours).
  const seeded = new Set(rows.map((row) => row.date));
  for (const swap of swaps) {
    if (seeded.has(swap.dayOff) || seeded.has(swap.workingDay)) continue;
    rows.push({
      date: swap.dayOff,
      kind: 'holiday',
      name: `Nghỉ hoán đổi, làm bù ngày ${swap.workingDay} (${swap.source})`,
    });
    rows.push({ date: swap.workingDay, kind: 'working', name: `Làm bù cho ngày nghỉ ${swap.dayOff} (${swap.source})` });
    seeded.add(swap.dayOff).add(swap.workingDay);
  }

  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

/** Seeds several years at once (e.g. the current and next year). */
export function seedHolidaysForYears(years: number[], options: HolidaySeedOptions = {}): DayOverride[] {
  return years.flatMap((year) => seedHolidays(year, options));
}

/**
 * Seeds years with a named holiday rule (a rule set's `calendarHolidayRuleId`); `options` override the rule.
 * Throws a DomainError (kind 'not-found') for an unknown rule id.
 */
export function seedHolidaysByRule(ruleId: string, years: number[], options: HolidaySeedOptions = {}): DayOverride[] {
  if (!Object.prototype.hasOwnProperty.call(HOLIDAY_RULES, ruleId)) {
    throw new DomainError('calendar.unknown-holiday-rule', `Unknown holiday rule "${ruleId}"`, 'not-found', { ruleId });
  }
  return seedHolidaysForYears(years, { ...HOLIDAY_RULES[ruleId], ...options });
}
