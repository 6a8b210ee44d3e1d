import { addCalendarDays } from '@motcua/domain';

/** A range of local days `YYYY-MM-DD` (inclusive). */
export interface DayRange {
  from: string;
  to: string;
}

/** How a period's counters are summed: whole months from the monthly roll-ups, the days at the edges from the daily rows. */
export interface CounterPeriodSplit {
  /** Ranges of days read from `indicator_daily_counter` (0 to 2). */
  days: DayRange[];
  /** First days of the first and last whole months read from `indicator_monthly_counter`, or null. */
  months: DayRange | null;
}

/** The first day of the local month of a local day. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after the one of `day`. */
export function nextMonth(day: string): string {
  return monthOf(addCalendarDays(monthOf(day), 32));
}

/** The last day of the month of `day`. */
export function lastDayOfMonth(day: string): string {
  return addCalendarDays(nextMonth(day), -1);
}

/** Splits `fromDay`..`toDay` (inclusive) into the whole months it covers and the days before and after them. */
export function splitCounterPeriod(fromDay: string, toDay: string): CounterPeriodSplit {
  const firstWhole = fromDay === monthOf(fromDay) ? fromDay : nextMonth(fromDay);
  const lastWhole = toDay === lastDayOfMonth(toDay) ? monthOf(toDay) : monthOf(addCalendarDays(monthOf(toDay), -1));
  if (firstWhole > lastWhole || fromDay > toDay)
    return { days: fromDay > toDay ? [] : [{ from: fromDay, to: toDay }], months: null };
  const days: DayRange[] = [];
  if (fromDay < firstWhole) days.push({ from: fromDay, to: addCalendarDays(firstWhole, -1) });
  const afterWhole = nextMonth(lastWhole);
  if (afterWhole <= toDay) days.push({ from: afterWhole, to: toDay });
  return { days, months: { from: firstWhole, to: lastWhole } };
}
