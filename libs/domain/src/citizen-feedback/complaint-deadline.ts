import type { WorkingCalendar } from '../calendar/working-calendar';

/** What a complaint (phản ánh, kiến nghị) is about. */
export const COMPLAINT_SUBJECTS = ['dossier', 'agency'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/**
 * When a complaint must be answered: `workingDays` working days (configured; NĐ 20/2008/NĐ-CP on feedback and
 * recommendations sets 10 working days — article unverified) counted in working time from reception, starting at the
 * next opening when it arrives outside office hours.
 */
export function complaintDueAt(calendar: WorkingCalendar, receivedAt: Date, workingDays: number): Date {
  return calendar.addWorkingDays(calendar.countingStart(receivedAt), workingDays);
}

/** Late: unanswered after its due instant, or answered after it. */
export function isComplaintLate(input: { dueAt: Date; answeredAt: Date | null }, now: Date): boolean {
  const end = input.answeredAt ?? now;
  return end.getTime() > input.dueAt.getTime();
}
