import { registerDecorator, ValidationOptions } from 'class-validator';

// Extended ISO 8601 only (what Postgres and Date.parse agree on): 2026-11-26, 2026-11-26T08:00, ...:00.000Z, +07:00.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Years accepted in dates and instants. Outside them local-date arithmetic breaks down (Date.UTC maps years 0–99 to
 * 1900–1999; 9999-12-31T23:59Z is year 10000 in Hà Nội), and the refusals came out as "not a date" or "period too
 * long" for a one-year period: refused here, naming the range.
 */
export const MIN_INPUT_YEAR = 1900;
export const MAX_INPUT_YEAR = 9899;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < MIN_INPUT_YEAR || year > MAX_INPUT_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date `YYYY-MM-DD` that exists (no `2026-02-30`, no compact `20261126`). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  return !!match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An instant in extended ISO 8601 with an explicit offset (`2026-11-26T08:00:00+07:00`, `...Z`): a real date,
 * hours 00–23, minutes and seconds 00–59, offset within ±14:00. Compact forms and missing offsets are refused
 * (an instant without an offset means a different time to Node and to Postgres).
 */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match;
  if (!isRealDate(Number(year), Number(month), Number(day))) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return false;
  if (offsetHour !== undefined && (Number(offsetHour) > 14 || Number(offsetMinute) > 59)) return false;
  return Number.isFinite(Date.parse(value));
}

function register(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property ${message}`, ...options },
      validator: { validate: (value: unknown) => test(value) },
    });
}

/** `YYYY-MM-DD`, an existing calendar date. */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  register(
    'isIsoDate',
    isIsoDate,
    `must be an existing date as YYYY-MM-DD, years ${MIN_INPUT_YEAR}–${MAX_INPUT_YEAR}`,
    options,
  );

/** An ISO 8601 instant with an offset, e.g. 2026-11-26T08:00:00+07:00 or 2026-11-26T01:00:00Z. */
export const IsIsoInstant = (options?: ValidationOptions): PropertyDecorator =>
  register(
    'isIsoInstant',
    isIsoInstant,
    `must be an ISO 8601 instant with an offset, e.g. 2026-11-26T08:00:00+07:00 or 2026-11-26T01:00:00Z, years ${MIN_INPUT_YEAR}–${MAX_INPUT_YEAR}`,
    options,
  );
