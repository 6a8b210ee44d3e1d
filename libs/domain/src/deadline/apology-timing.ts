import { floorToMinute, WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';

/**
 * When an apology (form 04) was issued relative to the deadline it moves (NĐ 61/2018 Art. 19: at least
 * `apologyLeadWorkingDays` working days before it):
 * - 'before-lead-time': in time, as the decree asks;
 * - 'after-lead-time': less than the lead remained, but before the deadline;
 * - 'after-deadline': the dossier was already overdue. It still gets its apology and new appointment, and it
 *   still counts as late (the overdue that fired stays recorded).
 */
export type ApologyTiming = 'before-lead-time' | 'after-lead-time' | 'after-deadline';

export interface ApologyTimingResult {
  timing: ApologyTiming;
  /** Working minutes from `now` to the deadline (0 once it passed). */
  remainingWorkingMinutes: number;
  requiredWorkingMinutes: number;
}

export function apologyTiming(
  now: Date,
  deadline: Date,
  calendar: WorkingCalendar,
  leadWorkingDays: number,
): ApologyTimingResult {
  const requiredWorkingMinutes = leadWorkingDays * calendar.minutesPerWorkingDay;
  if (now.getTime() >= deadline.getTime()) {
    return { timing: 'after-deadline', remainingWorkingMinutes: 0, requiredWorkingMinutes };
  }
  // The lead time is judged to the minute: an apology at 09:00:20 (a clock set to 09:00 and left running) for a
  // deadline the next working day at 09:00 is 1 working day before it.
  const remainingWorkingMinutes = calendar.workingMinutesBetween(floorToMinute(now), floorToMinute(deadline));
  return {
    timing: remainingWorkingMinutes >= requiredWorkingMinutes ? 'before-lead-time' : 'after-lead-time',
    remainingWorkingMinutes,
    requiredWorkingMinutes,
  };
}

/**
 * The new appointment of an apology: later than the current deadline and than now, and a working instant (inside
 * office hours of a working day: the applicant is told to come back then). Throws DomainError kind 'invalid'.
 */
export function checkNewAppointment(newAppointment: Date, now: Date, deadline: Date, calendar: WorkingCalendar): void {
  const latest = Math.max(now.getTime(), deadline.getTime());
  if (newAppointment.getTime() <= latest) {
    throw new DomainError(
      'apology.appointment-not-later',
      `The new appointment must be after the current one (${deadline.toISOString()}) and after now (${now.toISOString()})`,
      'invalid',
      { deadline: deadline.toISOString(), now: now.toISOString() },
    );
  }
  if (!calendar.isWorkingInstant(newAppointment)) {
    const date = calendar.localDateOf(newAppointment);
    throw new DomainError(
      'apology.appointment-not-working-time',
      `The new appointment ${date} ${calendar.localTimeOf(newAppointment)} is outside office hours or not a working ` +
        `day; choose a time inside the working windows of a working day`,
      'invalid',
      {
        date,
        windows: calendar.windowsOn(date).map((window) => [window.start.toISOString(), window.end.toISOString()]),
      },
    );
  }
}
