import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';
import { ClockState } from './clock-state';

/** A graded warning point on a running clock. */
export type DeadlineThreshold =
  /** When `fraction` of the budget is used (0.5 = half), measured back from the current deadline. */
  | { id: string; kind: 'budget-used'; fraction: number }
  /** A fixed working time before the deadline (e.g. 1 working day: time to send the apology, form 04). */
  | { id: string; kind: 'before-deadline'; workingDays?: number; workingMinutes?: number }
  /** The deadline itself: overdue after this instant. */
  | { id: string; kind: 'deadline' };

export interface ThresholdInstant {
  id: string;
  kind: DeadlineThreshold['kind'];
  at: Date;
  /** True if `at` is at or before the state's `asOf`. */
  passed: boolean;
}

/** 50 % and 80 % of the budget used, 1 working day before the deadline (apology lead time), overdue. */
export const DEFAULT_DEADLINE_THRESHOLDS: readonly DeadlineThreshold[] = Object.freeze([
  { id: 'half-used', kind: 'budget-used', fraction: 0.5 },
  { id: 'mostly-used', kind: 'budget-used', fraction: 0.8 },
  // NĐ 61/2018 Art. 19: the apology must reach the applicant at least 1 working day before the deadline.
  { id: 'apology-due', kind: 'before-deadline', workingDays: 1 },
  { id: 'overdue', kind: 'deadline' },
]);

/**
 * Instants at which each threshold is reached, sorted by time. Empty while the clock is not running
 * (not started, paused: timers are rescheduled on resume; stopped: nothing to warn about).
 * Thresholds are measured back from the current deadline, so pauses and extensions move them along.
 * A threshold that falls before the clock started is left out: it can only be a false alarm (e.g. the
 * one-working-day apology lead of a 4-hour desk step would fire at every reception).
 */
export function thresholdInstants(
  state: ClockState,
  thresholds: readonly DeadlineThreshold[],
  calendar: WorkingCalendar,
): ThresholdInstant[] {
  if (state.status !== 'running' || !state.deadline) return [];
  const deadline = state.deadline;
  const result = thresholds.map((threshold): ThresholdInstant => {
    let at: Date;
    switch (threshold.kind) {
      case 'budget-used': {
        if (!Number.isFinite(threshold.fraction) || threshold.fraction < 0) {
          throw new DomainError('deadline.invalid-threshold', `Invalid fraction for ${threshold.id}`, 'invalid');
        }
        at = calendar.subtractWorkingMinutes(deadline, (1 - threshold.fraction) * state.budgetMinutes);
        break;
      }
      case 'before-deadline': {
        const minutes = (threshold.workingMinutes ?? 0) + (threshold.workingDays ?? 0) * calendar.minutesPerWorkingDay;
        at = calendar.subtractWorkingMinutes(deadline, minutes);
        break;
      }
      case 'deadline':
        at = deadline;
        break;
    }
    return { id: threshold.id, kind: threshold.kind, at, passed: at.getTime() <= state.asOf.getTime() };
  });
  const startedAt = state.startedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return result.filter((instant) => instant.at.getTime() >= startedAt).sort((a, b) => a.at.getTime() - b.at.getTime());
}
