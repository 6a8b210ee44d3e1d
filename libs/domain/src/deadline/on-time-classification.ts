import { VIETNAM_TIME_ZONE_OFFSET_MINUTES } from '../calendar/vietnam-time';
import { floorToMinute, WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';

export type CalendarDateClassification = 'early' | 'on-time' | 'late';

/** Days since 1970-01-01 of the instant's local date (compares as the `YYYY-MM-DD` strings would). */
function localDate(instant: Date, offsetMinutes: number): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return Math.floor((ms + offsetMinutes * 60_000) / 86_400_000);
}

/**
 * Periodic-report convention ("Tình hình, kết quả giải quyết TTHC"): compare the local calendar dates of the
 * end and of the dossier's current due date. Early: end date < due date; on time: same date or no due date;
 * late: end date > due date.
 */
export function classifyByCalendarDate(
  end: Date,
  due: Date | null | undefined,
  timeZoneOffsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES,
): CalendarDateClassification {
  if (!due) return 'on-time';
  const endDate = localDate(end, timeZoneOffsetMinutes);
  const dueDate = localDate(due, timeZoneOffsetMinutes);
  if (endDate < dueDate) return 'early';
  if (endDate > dueDate) return 'late';
  return 'on-time';
}

/**
 * Periodic-report convention for unfinished dossiers: overdue when the due date is before the last day of the
 * period, except while waiting for the applicant's supplement (counted as within time).
 * `periodEnd` is the last instant inside the period.
 */
export function classifyInProgressByCalendarDate(
  due: Date | null | undefined,
  periodEnd: Date,
  waitingForSupplement: boolean,
  timeZoneOffsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES,
): 'within-time' | 'overdue' {
  if (!due || waitingForSupplement) return 'within-time';
  return localDate(due, timeZoneOffsetMinutes) < localDate(periodEnd, timeZoneOffsetMinutes)
    ? 'overdue'
    : 'within-time';
}

export interface SupplementWait {
  /** When the supplement was requested. */
  from: Date;
  /** When the applicant completed the dossier. */
  to: Date;
}

export interface NationalOnTimeInput {
  receivedAt: Date;
  /**
   * First of processed / returned / stopped / refused / withdrawn; for an unfinished dossier, the end of the
   * reporting period.
   */
  endAt: Date;
  /** Appointment date on the receipt; null when the dossier has none. */
  appointmentAt: Date | null;
  supplementRequestCount: number;
  /** Completed supplement waits (their clock time is subtracted). */
  completedSupplementWaits: readonly SupplementWait[];
  /** Set while the dossier is currently waiting for the applicant: it is judged at this request instant. */
  waitingForSupplementSince?: Date | null;
  /** Legal processing time in working minutes; required when there is no appointment. */
  legalTimeWorkingMinutes?: number;
  /** Required when there is no appointment (elapsed time is measured in working time). */
  calendar?: WorkingCalendar;
  /** More supplement requests than this count as late (rule set `maxSupplementRequestsForOnTime`, default 1). */
  maxSupplementRequests?: number;
}

export type NationalOnTimeReason =
  'too-many-supplement-requests' | 'within-appointment' | 'after-appointment' | 'within-legal-time' | 'over-legal-time';

export interface NationalOnTimeResult {
  onTime: boolean;
  reason: NationalOnTimeReason;
  /** The instant the dossier was judged at (end, or the pending supplement request). */
  judgedAt: Date;
  /** With an appointment: clock milliseconds subtracted; without: working minutes subtracted. */
  subtracted: number;
}

/** The first instant (ms) judged after an appointment: the start of the minute after the appointment's minute. */
export function lateFromMinute(appointmentMs: number): number {
  return floorToMinute(new Date(appointmentMs)).getTime() + 60_000;
}

function clip(wait: SupplementWait, from: Date, to: Date): SupplementWait | null {
  const start = Math.max(wait.from.getTime(), from.getTime());
  const end = Math.min(wait.to.getTime(), to.getTime());
  return end > start ? { from: new Date(start), to: new Date(end) } : null;
}

/**
 * National on-time indicator (QĐ 766/QĐ-TTg index as implemented by the national portal; reconstructed,
 * decision text not read): more than one supplement request → late; otherwise completed supplement waits are
 * subtracted (elapsed clock time) and the end is compared with the appointment; with no appointment, elapsed
 * working time minus the waits is compared with the legal processing time. A dossier currently waiting for the
 * applicant is judged at the request instant. Unfinished dossiers pass the period end as `endAt`
 * ("in progress and not yet due" is on time).
 */
export function classifyNationalOnTime(input: NationalOnTimeInput): NationalOnTimeResult {
  const maxRequests = input.maxSupplementRequests ?? 1;
  let judgedAt = input.endAt;
  if (input.waitingForSupplementSince && input.waitingForSupplementSince.getTime() < judgedAt.getTime()) {
    judgedAt = input.waitingForSupplementSince;
  }
  if (input.supplementRequestCount > maxRequests) {
    return { onTime: false, reason: 'too-many-supplement-requests', judgedAt, subtracted: 0 };
  }
  const waits = input.completedSupplementWaits
    .map((wait) => clip(wait, input.receivedAt, judgedAt))
    .filter((wait): wait is SupplementWait => wait !== null);

  if (input.appointmentAt) {
    const subtracted = waits.reduce((sum, wait) => sum + (wait.to.getTime() - wait.from.getTime()), 0);
    // Judged to the minute, as the receipt prints the appointment (form 01: hour, minute): a result at 16:00:40 for an
    // appointment at 16:00 (or at 16:00:20, a reception with seconds on a running clock) is on time; 16:01 is late.
    const onTime = judgedAt.getTime() - subtracted < lateFromMinute(input.appointmentAt.getTime());
    return { onTime, reason: onTime ? 'within-appointment' : 'after-appointment', judgedAt, subtracted };
  }

  const { calendar, legalTimeWorkingMinutes } = input;
  if (!calendar || legalTimeWorkingMinutes === undefined) {
    throw new DomainError(
      'deadline.legal-time-required',
      'A dossier without an appointment needs the legal processing time and a calendar',
      'precondition',
    );
  }
  const subtracted = waits.reduce((sum, wait) => sum + calendar.workingMinutesBetween(wait.from, wait.to), 0);
  const elapsed = calendar.workingMinutesBetween(input.receivedAt, judgedAt) - subtracted;
  const onTime = elapsed <= legalTimeWorkingMinutes;
  return { onTime, reason: onTime ? 'within-legal-time' : 'over-legal-time', judgedAt, subtracted };
}

export interface StepVerdictInput {
  /** When the step ended (hand-over). */
  end: Date;
  /** The step clock's deadline in force when it ended (the instant its overdue threshold fires). */
  deadline: Date;
  /** The step's overdue timer fired (deadline_clock.overdue_at): the verdict is then 'late' whatever the dates say. */
  overdueFired?: boolean;
}

/**
 * A step's verdict on the control slip (form 05, TT 01/2018 Art. 9 "sớm hạn / đúng hạn / quá hạn" per hand-over),
 * judged against the step's own clock:
 * - late: ended after its deadline instant, or its overdue event fired (never contradicts an overdue event);
 * - early: ended on an earlier local date than the deadline (the periodic-report date convention, used only to
 *   tell early from on time, see `classifyByCalendarDate`);
 * - on time otherwise (ended by the deadline instant, on the deadline's date).
 * So a 4-hour desk step handed over 5 minutes after its deadline is late even on the same date.
 */
export function classifyStepByClock(
  input: StepVerdictInput,
  timeZoneOffsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES,
): CalendarDateClassification {
  if (input.overdueFired || input.end.getTime() > input.deadline.getTime()) return 'late';
  return localDate(input.end, timeZoneOffsetMinutes) < localDate(input.deadline, timeZoneOffsetMinutes)
    ? 'early'
    : 'on-time';
}
