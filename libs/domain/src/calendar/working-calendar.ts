// File length: the working-time arithmetic (windows, cut-off, add/between, pauses) is one cohesive, heavily specified unit.
import { DomainError } from '../errors/domain-error';
import { VIETNAM_TIME_ZONE_OFFSET_MINUTES } from './vietnam-time';

/** A calendar date in the calendar's local time zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local wall-clock time, `HH:mm` (`24:00` allowed as a window end). */
export type LocalTime = string;
/** 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface TimeWindow {
  start: LocalTime;
  end: LocalTime;
}

export type WeeklyWindows = Record<Weekday, TimeWindow[]>;

/**
 * One row of the admin-maintained calendar table: a public holiday (or substitute day off), or an extra
 * working day such as a make-up Saturday. A `working` day without `windows` uses the standard weekday windows.
 */
export interface DayOverride {
  date: LocalDate;
  kind: 'holiday' | 'working';
  name: string;
  windows?: TimeWindow[];
}

export interface WorkingCalendarConfig {
  /** Fixed offset from UTC; Asia/Ho_Chi_Minh is +07:00 all year (no DST). */
  timeZoneOffsetMinutes: number;
  weeklyWindows: WeeklyWindows;
  dayOverrides: DayOverride[];
  /**
   * Length of one working day for `addWorkingDays`. Defaults to the most common non-zero daily window total
   * of the weekly windows (480 = 8 h with the default office hours).
   */
  minutesPerWorkingDay?: number;
}

export interface WorkingCalendarInput {
  timeZoneOffsetMinutes?: number;
  weeklyWindows?: Partial<Record<Weekday, TimeWindow[]>>;
  dayOverrides?: DayOverride[];
  minutesPerWorkingDay?: number;
}

export interface CountingStartOptions {
  /** Reception after this local time counts from the next working day's opening (NĐ 61/2018 Art. 18: 15:00). */
  cutoff?: LocalTime | null;
}

/** Typical office hours of Vietnamese agencies (configurable per jurisdiction). */
export const DEFAULT_OFFICE_WINDOWS: readonly TimeWindow[] = Object.freeze([
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
]);

/** Monday–Friday, default office hours. */
export const DEFAULT_WEEKLY_WINDOWS: WeeklyWindows = Object.freeze({
  0: [],
  1: [...DEFAULT_OFFICE_WINDOWS],
  2: [...DEFAULT_OFFICE_WINDOWS],
  3: [...DEFAULT_OFFICE_WINDOWS],
  4: [...DEFAULT_OFFICE_WINDOWS],
  5: [...DEFAULT_OFFICE_WINDOWS],
  6: [],
}) as WeeklyWindows;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Give up after this many consecutive days without working time (misconfigured calendar). */
const MAX_IDLE_DAYS = 3_660;
const WEEKDAYS: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function invalidConfig(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('calendar.invalid-config', message, 'invalid', details);
}

/** Milliseconds after local midnight for `HH:mm`. */
export function parseLocalTime(time: LocalTime): number {
  const match = LOCAL_TIME_PATTERN.exec(time);
  if (!match) {
    throw new DomainError('calendar.invalid-time', `Invalid local time "${time}", expected HH:mm`, 'invalid');
  }
  const hours = Number(match[1] ?? match[3]);
  const minutes = Number(match[2] ?? match[4]);
  return (hours * 60 + minutes) * MINUTE;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` local date. */
export function parseLocalDate(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / DAY;
    }
  }
  throw new DomainError('calendar.invalid-date', `Invalid local date "${date}", expected YYYY-MM-DD`, 'invalid');
}

/** `YYYY-MM-DD` for a day index (days since 1970-01-01). */
export function formatDayIndex(dayIndex: number): LocalDate {
  return new Date(dayIndex * DAY).toISOString().slice(0, 10);
}

/**
 * The instant truncated to its minute. Legal instants are printed and judged to the minute (form 01 prints hour and
 * minute; "at 15:00", "1 working day before"): a clock that ran a few seconds past the minute set by a test clock or
 * by the receipt must not change a verdict.
 */
export function floorToMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
}

/** Adds calendar days to a local date. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return formatDayIndex(parseLocalDate(date) + days);
}

/** Weekday (0 = Sunday) of a local date. */
export function weekdayOf(date: LocalDate): Weekday {
  return new Date(parseLocalDate(date) * DAY).getUTCDay() as Weekday;
}

/** Window list as flat [start, end, start, end, ...] millisecond offsets after local midnight. */
function compileWindows(windows: readonly TimeWindow[], where: string): number[] {
  const flat: number[] = [];
  for (const window of windows) {
    const start = parseLocalTime(window.start);
    const end = parseLocalTime(window.end);
    if (end <= start) throw invalidConfig(`${where}: window ${window.start}-${window.end} ends before it starts`);
    if (flat.length > 0 && start < flat[flat.length - 1]) {
      throw invalidConfig(`${where}: windows must be sorted and must not overlap`);
    }
    flat.push(start, end);
  }
  return flat;
}

function totalOf(flat: number[]): number {
  let total = 0;
  for (let i = 0; i < flat.length; i += 2) total += flat[i + 1] - flat[i];
  return total;
}

/**
 * Working-time arithmetic over office windows, weekends, holidays and make-up working days.
 *
 * All instants are UTC `Date`s; local dates and times are in the configured fixed offset. Computation walks
 * day by day (never minute by minute) and caches each day's windows, so it is cheap enough for sweeps.
 * Deadlines are the *earliest* instant at which the working time is reached: a budget that runs out exactly at
 * 17:00 ends at 17:00, not at the next opening.
 */
export class WorkingCalendar {
  readonly config: Readonly<WorkingCalendarConfig>;
  /** Minutes in one working day, used by `addWorkingDays`. */
  readonly minutesPerWorkingDay: number;

  private readonly offsetMs: number;
  private readonly weekly: number[][];
  private readonly standardWindows: number[];
  private readonly overrides = new Map<number, number[]>();
  private readonly dayCache = new Map<number, number[]>();

  constructor(input: WorkingCalendarInput = {}) {
    const timeZoneOffsetMinutes = input.timeZoneOffsetMinutes ?? VIETNAM_TIME_ZONE_OFFSET_MINUTES;
    if (!Number.isInteger(timeZoneOffsetMinutes) || Math.abs(timeZoneOffsetMinutes) > 14 * 60) {
      throw invalidConfig(`Invalid time zone offset ${timeZoneOffsetMinutes}`);
    }
    const weeklyInput = input.weeklyWindows ?? DEFAULT_WEEKLY_WINDOWS;
    const weeklyWindows = Object.fromEntries(
      WEEKDAYS.map((weekday) => [weekday, [...(weeklyInput[weekday] ?? [])]]),
    ) as unknown as WeeklyWindows;
    this.offsetMs = timeZoneOffsetMinutes * MINUTE;
    this.weekly = WEEKDAYS.map((weekday) => compileWindows(weeklyWindows[weekday], `weekday ${weekday}`));

    // The standard working day: most common non-zero daily total, first found in Monday…Saturday, Sunday order.
    const counts = new Map<number, number>();
    for (const flat of this.weekly) {
      const total = totalOf(flat);
      if (total > 0) counts.set(total, (counts.get(total) ?? 0) + 1);
    }
    let modeTotal = 0;
    let modeCount = 0;
    for (const [total, count] of counts) {
      if (count > modeCount || (count === modeCount && total > modeTotal)) [modeTotal, modeCount] = [total, count];
    }
    const standardDay = [1, 2, 3, 4, 5, 6, 0].find(
      (weekday) => modeTotal > 0 && totalOf(this.weekly[weekday]) === modeTotal,
    );
    this.standardWindows =
      standardDay === undefined ? compileWindows(DEFAULT_OFFICE_WINDOWS, 'default') : this.weekly[standardDay];

    const minutesPerWorkingDay = input.minutesPerWorkingDay ?? (modeTotal > 0 ? modeTotal / MINUTE : 480);
    if (!(minutesPerWorkingDay > 0)) throw invalidConfig(`Invalid minutesPerWorkingDay ${minutesPerWorkingDay}`);
    this.minutesPerWorkingDay = minutesPerWorkingDay;

    const dayOverrides = (input.dayOverrides ?? []).map((override) => ({ ...override }));
    for (const override of dayOverrides) {
      let dayIndex: number;
      try {
        dayIndex = parseLocalDate(override.date);
      } catch {
        throw invalidConfig(`Day override has an invalid date "${override.date}"`, { date: override.date });
      }
      if (this.overrides.has(dayIndex)) {
        throw invalidConfig(`Two day overrides for ${override.date}`, { date: override.date });
      }
      if (override.kind === 'holiday') {
        this.overrides.set(dayIndex, []);
      } else if (override.kind === 'working') {
        const windows = override.windows
          ? compileWindows(override.windows, `override ${override.date}`)
          : this.standardWindows;
        if (windows.length === 0) throw invalidConfig(`Working day ${override.date} has no windows`);
        this.overrides.set(dayIndex, windows);
      } else {
        throw invalidConfig(`Unknown day override kind for ${override.date}`, { date: override.date });
      }
    }

    this.config = Object.freeze({
      timeZoneOffsetMinutes,
      weeklyWindows,
      dayOverrides,
      minutesPerWorkingDay,
    });
  }

  /** A new calendar with the same settings and a different holiday / make-up day table. */
  withDayOverrides(dayOverrides: DayOverride[]): WorkingCalendar {
    return new WorkingCalendar({ ...this.config, dayOverrides });
  }

  /** The local calendar date of an instant. */
  localDateOf(instant: Date): LocalDate {
    return formatDayIndex(this.dayIndexOf(instant.getTime()));
  }

  /** The local wall-clock time `HH:mm` of an instant (seconds dropped). */
  localTimeOf(instant: Date): LocalTime {
    return new Date(instant.getTime() + this.offsetMs).toISOString().slice(11, 16);
  }

  /** The instant at a local date and time. */
  instantAt(date: LocalDate, time: LocalTime = '00:00'): Date {
    return new Date(parseLocalDate(date) * DAY + parseLocalTime(time) - this.offsetMs);
  }

  /** True if the local date has any working window (weekday, or make-up working day, and not a holiday). */
  isWorkingDay(date: LocalDate): boolean {
    return this.windowsOfDay(parseLocalDate(date)).length > 0;
  }

  /** The working windows of a local date, as instants. */
  windowsOn(date: LocalDate): Array<{ start: Date; end: Date }> {
    const dayIndex = parseLocalDate(date);
    const base = this.dayBase(dayIndex);
    const flat = this.windowsOfDay(dayIndex);
    const result: Array<{ start: Date; end: Date }> = [];
    for (let i = 0; i < flat.length; i += 2) {
      result.push({ start: new Date(base + flat[i]), end: new Date(base + flat[i + 1]) });
    }
    return result;
  }

  /**
   * True if the instant lies inside a working window, both ends included (an appointment at 17:00 closing time is
   * a working instant; 12:00 at lunch, a Saturday that is not a make-up day or a holiday are not).
   */
  isWorkingInstant(instant: Date): boolean {
    const ms = this.toMs(instant);
    const dayIndex = this.dayIndexOf(ms);
    const offset = ms - this.dayBase(dayIndex);
    const flat = this.windowsOfDay(dayIndex);
    for (let i = 0; i < flat.length; i += 2) if (offset >= flat[i] && offset <= flat[i + 1]) return true;
    return false;
  }

  /** The first instant ≥ `instant` that lies inside a working window (the instant itself if it does). */
  nextOpening(instant: Date): Date {
    return new Date(this.nextOpeningMs(this.toMs(instant)));
  }

  /**
   * When the processing clock starts for something received at `received` (DOMAIN.md default convention):
   * the reception instant if inside office hours, otherwise the next opening (lunch → 13:30); with a cut-off,
   * reception after the cut-off counts from the next working day's opening.
   */
  countingStart(received: Date, options: CountingStartOptions = {}): Date {
    const ms = this.toMs(received);
    if (options.cutoff) {
      const cutoff = parseLocalTime(options.cutoff);
      const dayIndex = this.dayIndexOf(ms);
      // Judged to the minute, as the receipt prints it (form 01: hour, minute): 15:00:40 is "received at 15:00",
      // not after the cut-off; 15:01 is after it.
      const minuteOfDay = Math.floor((ms - this.dayBase(dayIndex)) / MINUTE) * MINUTE;
      if (minuteOfDay > cutoff) {
        return new Date(this.nextOpeningMs(this.dayBase(dayIndex + 1)));
      }
    }
    return new Date(this.nextOpeningMs(ms));
  }

  /**
   * The earliest instant at which `minutes` of working time have passed since `start`.
   * Zero minutes returns `start` unchanged; negative minutes count backwards (see `subtractWorkingMinutes`).
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    const amount = this.toAmountMs(minutes);
    if (amount < 0) return new Date(this.subtractMs(this.toMs(start), -amount));
    return new Date(this.addMs(this.toMs(start), amount));
  }

  /** The latest instant `minutes` of working time before `end` (zero returns `end`). */
  subtractWorkingMinutes(end: Date, minutes: number): Date {
    const amount = this.toAmountMs(minutes);
    if (amount < 0) return new Date(this.addMs(this.toMs(end), -amount));
    return new Date(this.subtractMs(this.toMs(end), amount));
  }

  /** `days` × `minutesPerWorkingDay` of working time after `start` (DOMAIN.md: 1 working day = 8 h). */
  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingMinutes(start, days * this.minutesPerWorkingDay);
  }

  /** Working minutes in [a, b) (fractional if the instants carry seconds); 0 if b ≤ a. */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.betweenMs(this.toMs(a), this.toMs(b)) / MINUTE;
  }

  // ---- the same arithmetic on epoch milliseconds (no Date allocated; for sweeps such as the simulator) ----

  /** `nextOpening` on epoch milliseconds. */
  nextOpeningMillis(ms: number): number {
    return this.nextOpeningMs(this.checkedMs(ms));
  }

  /** `addWorkingMinutes` on epoch milliseconds. */
  addWorkingMinutesMillis(startMs: number, minutes: number): number {
    const amount = this.toAmountMs(minutes);
    const start = this.checkedMs(startMs);
    return amount < 0 ? this.subtractMs(start, -amount) : this.addMs(start, amount);
  }

  /** `workingMinutesBetween` on epoch milliseconds. */
  workingMinutesBetweenMillis(a: number, b: number): number {
    return this.betweenMs(this.checkedMs(a), this.checkedMs(b)) / MINUTE;
  }

  // ---- internals (milliseconds) ----

  private checkedMs(ms: number): number {
    if (!Number.isFinite(ms)) throw new DomainError('calendar.invalid-instant', 'Invalid Date', 'invalid');
    return ms;
  }

  private toMs(instant: Date): number {
    return this.checkedMs(instant.getTime());
  }

  private toAmountMs(minutes: number): number {
    if (!Number.isFinite(minutes)) {
      throw new DomainError('calendar.invalid-duration', `Invalid number of minutes ${minutes}`, 'invalid');
    }
    return Math.round(minutes * MINUTE);
  }

  private dayIndexOf(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY);
  }

  /** UTC instant (ms) of local midnight starting the day. */
  private dayBase(dayIndex: number): number {
    return dayIndex * DAY - this.offsetMs;
  }

  private windowsOfDay(dayIndex: number): number[] {
    let windows = this.dayCache.get(dayIndex);
    if (windows === undefined) {
      windows = this.overrides.get(dayIndex) ?? this.weekly[(((dayIndex + 4) % 7) + 7) % 7];
      if (this.dayCache.size > 50_000) this.dayCache.clear();
      this.dayCache.set(dayIndex, windows);
    }
    return windows;
  }

  private noWorkingTime(): DomainError {
    return new DomainError(
      'calendar.no-working-time',
      `No working time found within ${MAX_IDLE_DAYS} days; check the calendar configuration`,
      'precondition',
    );
  }

  private nextOpeningMs(ms: number): number {
    let dayIndex = this.dayIndexOf(ms);
    for (let idle = 0; idle <= MAX_IDLE_DAYS; idle++, dayIndex++) {
      const base = this.dayBase(dayIndex);
      const windows = this.windowsOfDay(dayIndex);
      for (let i = 0; i < windows.length; i += 2) {
        if (base + windows[i + 1] > ms) return Math.max(ms, base + windows[i]);
      }
    }
    throw this.noWorkingTime();
  }

  private addMs(startMs: number, amount: number): number {
    if (amount === 0) return startMs;
    let remaining = amount;
    let dayIndex = this.dayIndexOf(startMs);
    let idle = 0;
    for (;;) {
      const base = this.dayBase(dayIndex);
      const windows = this.windowsOfDay(dayIndex);
      for (let i = 0; i < windows.length; i += 2) {
        const end = base + windows[i + 1];
        if (end <= startMs) continue;
        const from = Math.max(startMs, base + windows[i]);
        const available = end - from;
        if (remaining <= available) return from + remaining;
        remaining -= available;
        idle = -1;
      }
      if (++idle > MAX_IDLE_DAYS) throw this.noWorkingTime();
      dayIndex++;
    }
  }

  private subtractMs(endMs: number, amount: number): number {
    if (amount === 0) return endMs;
    let remaining = amount;
    let dayIndex = this.dayIndexOf(endMs);
    let idle = 0;
    for (;;) {
      const base = this.dayBase(dayIndex);
      const windows = this.windowsOfDay(dayIndex);
      for (let i = windows.length - 2; i >= 0; i -= 2) {
        const start = base + windows[i];
        if (start >= endMs) continue;
        const to = Math.min(endMs, base + windows[i + 1]);
        const available = to - start;
        if (remaining <= available) return to - remaining;
        remaining -= available;
        idle = -1;
      }
      if (++idle > MAX_IDLE_DAYS) throw this.noWorkingTime();
      dayIndex--;
    }
  }

  private betweenMs(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    const lastDay = this.dayIndexOf(b);
    for (let dayIndex = this.dayIndexOf(a); dayIndex <= lastDay; dayIndex++) {
      const base = this.dayBase(dayIndex);
      const windows = this.windowsOfDay(dayIndex);
      for (let i = 0; i < windows.length; i += 2) {
        const from = Math.max(a, base + windows[i]);
        const to = Math.min(b, base + windows[i + 1]);
        if (to > from) total += to - from;
      }
    }
    return total;
  }
}
