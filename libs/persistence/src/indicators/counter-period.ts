import { addCalendarDays } from '@motcua/domain';

/**
 * One part of a period's counter sum: the rows of `table` dated `from`..`to` (days, or first days of months for the
 * monthly roll-ups), added (`sign` 1) or subtracted (-1: the days of a mostly covered edge month that the period
 * leaves out).
 */
export interface CounterPart {
  table: 'daily' | 'monthly';
  from: string;
  to: string;
  sign: 1 | -1;
}

/** The last day anything can be dated: "every later month" is the months up to this one. */
export const END_OF_TIME = '9999-12-31';

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
  if (day.slice(5, 7) === '12') return `${day.slice(0, 4)}-12-31`; // also END_OF_TIME's month, with no month after it
  return addCalendarDays(nextMonth(day), -1);
}

/** Days from `from` to `to`, both included. */
function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * How the counters of local days `fromDay`..`toDay` (inclusive) are summed with the fewest rows: whole months from the
 * monthly roll-ups; an edge month covered at most half day by day, one covered more as its roll-up minus the days left
 * out. At most about half a month of days is read at each edge, whatever the period.
 */
export function counterParts(fromDay: string, toDay: string): CounterPart[] {
  if (fromDay > toDay) return [];
  const parts: CounterPart[] = [];
  const daily = (from: string, to: string, sign: 1 | -1) => {
    if (from <= to) parts.push({ table: 'daily', from, to, sign });
  };
  const firstMonth = monthOf(fromDay);
  const lastMonth = monthOf(toDay);
  const mostlyCovered = (from: string, to: string) =>
    dayCount(from, to) * 2 > dayCount(monthOf(from), lastDayOfMonth(from));
  if (firstMonth === lastMonth) {
    if (!mostlyCovered(fromDay, toDay)) {
      daily(fromDay, toDay, 1);
      return parts;
    }
    daily(firstMonth, addCalendarDays(fromDay, -1), -1);
    daily(addCalendarDays(toDay, 1), lastDayOfMonth(toDay), -1);
    parts.push({ table: 'monthly', from: firstMonth, to: firstMonth, sign: 1 });
    return parts;
  }
  let monthsFrom = firstMonth;
  if (fromDay !== firstMonth) {
    if (mostlyCovered(fromDay, lastDayOfMonth(fromDay))) daily(firstMonth, addCalendarDays(fromDay, -1), -1);
    else {
      daily(fromDay, lastDayOfMonth(fromDay), 1);
      monthsFrom = nextMonth(fromDay);
    }
  }
  let monthsTo = lastMonth;
  if (toDay !== lastDayOfMonth(toDay)) {
    if (mostlyCovered(lastMonth, toDay)) daily(addCalendarDays(toDay, 1), lastDayOfMonth(toDay), -1);
    else {
      daily(lastMonth, toDay, 1);
      monthsTo = monthOf(addCalendarDays(lastMonth, -1));
    }
  }
  if (monthsFrom <= monthsTo) parts.push({ table: 'monthly', from: monthsFrom, to: monthsTo, sign: 1 });
  return parts;
}
