import { floorToMinute, WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';

/**
 * What happens to a supplement request made after the rule set's `supplementRequestWithinWorkingDays`
 * (NĐ 61/2018 Art. 15–20; clause unverified: the agency must ask for missing documents within that many working
 * days of receiving the dossier, and apologise when it asks later):
 * - 'refuse': the request is refused; the agency processes the dossier as it is (or refuses it with reasons);
 * - 'agency-fault': the request is accepted and recorded as late, the fault charged to the requesting agency.
 */
export type LateSupplementRequestPolicy = 'refuse' | 'agency-fault';

export interface SupplementRequestTiming {
  /** The last instant at which the request is in time. */
  dueBy: Date;
  late: boolean;
  /** Working minutes past `dueBy` (0 when in time). */
  workingMinutesLate: number;
}

/**
 * Whether a supplement request at `requestedAt` is in time: within `withinWorkingDays` working days of
 * `receivedAt`, the instant the requesting agency received the dossier (its step's hand-over).
 */
export function supplementRequestTiming(
  receivedAt: Date,
  requestedAt: Date,
  calendar: WorkingCalendar,
  withinWorkingDays: number,
): SupplementRequestTiming {
  const dueBy = calendar.addWorkingDays(receivedAt, withinWorkingDays);
  // Judged to the minute: a request in the same minute as `dueBy` (seconds left on a running clock) is in time.
  const late = floorToMinute(requestedAt).getTime() > floorToMinute(dueBy).getTime();
  return { dueBy, late, workingMinutesLate: late ? calendar.workingMinutesBetween(dueBy, requestedAt) : 0 };
}

/** The refusal of a late request under the 'refuse' policy (HTTP 422 naming the due instant). */
export function lateSupplementRequestRefused(timing: SupplementRequestTiming, withinWorkingDays: number): DomainError {
  return new DomainError(
    'supplement.request-too-late',
    `A supplement may be requested only within ${withinWorkingDays} working days of receiving the dossier ` +
      `(until ${timing.dueBy.toISOString()}); process the dossier as it is or refuse it with reasons`,
    'precondition',
    { dueBy: timing.dueBy.toISOString(), workingMinutesLate: timing.workingMinutesLate },
  );
}

/**
 * Applies the rule set's policy to a supplement request: in time → its timing; late under 'refuse' → throws the
 * 422-kind refusal; late under 'agency-fault' → its timing, with `late: true` for the event and the statistics.
 */
export function admitSupplementRequest(
  policy: LateSupplementRequestPolicy,
  timing: SupplementRequestTiming,
  withinWorkingDays: number,
): SupplementRequestTiming {
  if (timing.late && policy === 'refuse') throw lateSupplementRequestRefused(timing, withinWorkingDays);
  return timing;
}
