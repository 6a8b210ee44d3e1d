import { localWallClock, VIETNAM_TIME_ZONE_OFFSET_MINUTES } from './vietnam-time';

/**
 * Which years the calendar table must cover. Public holidays are generated as editable rows (Labour Code 2019
 * Art. 112 via `seedHolidaysByRule`) for the current year and at least `yearsAhead` following years; a deadline in
 * a year without generated rows would silently run through Tết and Hùng Kings day, so it is reported instead.
 */
export const CALENDAR_YEARS_AHEAD = 2;

/** Local (UTC+7) year of an instant. */
export function localYearOf(instant: Date, timeZoneOffsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES): number {
  return localWallClock(instant, timeZoneOffsetMinutes).getUTCFullYear();
}

/** Years from the current one to `yearsAhead` later that have no generated rows yet, ascending. */
export function calendarYearsToGenerate(
  now: Date,
  generatedYears: Iterable<number>,
  yearsAhead = CALENDAR_YEARS_AHEAD,
): number[] {
  const generated = new Set(generatedYears);
  const current = localYearOf(now);
  const missing: number[] = [];
  for (let year = current; year <= current + yearsAhead; year += 1) if (!generated.has(year)) missing.push(year);
  return missing;
}

/**
 * Years a set of deadlines runs through (from the current year to the latest deadline's year) that the calendar does
 * not cover: each one is a readiness failure (due dates computed there ignore that year's holidays).
 */
export function uncoveredDeadlineYears(
  now: Date,
  latestDeadline: Date | null,
  generatedYears: Iterable<number>,
): number[] {
  const generated = new Set(generatedYears);
  const from = localYearOf(now);
  const to = latestDeadline ? Math.max(from, localYearOf(latestDeadline)) : from;
  const missing: number[] = [];
  for (let year = from; year <= to; year += 1) if (!generated.has(year)) missing.push(year);
  return missing;
}
