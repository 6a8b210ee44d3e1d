import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';
import { SupplementClockMode } from '../rule-set/rule-set';

/** Who caused a pause (used to attribute consumed time). */
export type PauseParty = 'applicant' | 'agency' | 'other';

/** Pause reason meaning "waiting for the applicant to complete the dossier" (yêu cầu bổ sung). */
export const SUPPLEMENT_PAUSE_REASON = 'supplement';

/** One append-only fact of the deadline ledger (`clock_entry`). */
export type ClockEntry =
  | { type: 'start'; at: Date }
  | { type: 'pause'; at: Date; reason: string; party: PauseParty }
  | { type: 'resume'; at: Date }
  | { type: 'extend'; at: Date; newDeadline: Date; reason: string; legalBasis: string }
  | { type: 'stop'; at: Date };

export type ClockStatus = 'not-started' | 'running' | 'paused' | 'stopped';

export interface ClockStateOptions {
  /** Processing budget in working minutes (N working days × minutesPerWorkingDay). */
  budgetMinutes: number;
  calendar: WorkingCalendar;
  /** 'restart': a supplement resume restarts the budget from zero (NĐ 61/2018); 'pause': the deadline shifts. */
  supplementClock: SupplementClockMode;
  /** Entries after this instant are ignored (not yet happened). */
  now: Date;
}

export interface ClockPause {
  from: Date;
  /** null while the pause is open. */
  to: Date | null;
  reason: string;
  party: PauseParty;
  /** Working minutes inside the pause (up to `now` while open). */
  workingMinutes: number;
}

export interface ClockExtension {
  at: Date;
  newDeadline: Date;
  reason: string;
  legalBasis: string;
}

export interface ClockState {
  status: ClockStatus;
  /** The `now` the state was computed for. */
  asOf: Date;
  budgetMinutes: number;
  startedAt: Date | null;
  /** Where the current budget started counting (first opening at/after the start, or after a restart). */
  budgetStartedAt: Date | null;
  /** Working minutes consumed from the current budget (pauses excluded; reset by a restart). */
  elapsedWorkingMinutes: number;
  /** Working minutes the clock ran since the first start, over all restarts (pauses excluded). */
  totalRunningWorkingMinutes: number;
  /** Working minutes spent paused, including an open pause up to `asOf`. */
  pausedWorkingMinutes: number;
  /** Current deadline; null before the start and while paused. */
  deadline: Date | null;
  /** Deadline in force when the current pause began (null unless paused). */
  deadlineBeforePause: Date | null;
  /** Deadline computed at the start, before any pause, restart or extension. */
  originalDeadline: Date | null;
  /** Working minutes from `asOf` (or the stop) to the deadline; negative when overdue; null without a deadline. */
  remainingWorkingMinutes: number | null;
  /** Running past the deadline, or stopped after it. */
  overdue: boolean;
  pausedAt: Date | null;
  stoppedAt: Date | null;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  /** Pauses with reason 'supplement'. */
  supplementRequestCount: number;
  /** Times the budget restarted from zero ('restart' mode). */
  budgetRestarts: number;
}

/**
 * The instant an entry takes effect. A dossier received after the cut-off (or outside hours) counts from the next
 * working day, but the desk may hand it over, ask for the fee or a supplement that same evening: a pause, resume or
 * extension recorded before the counting start takes effect at the counting start (nothing counts before it, so
 * nothing is lost). A stop before the counting start ends a clock that never ran.
 */
function effectiveEntry(entry: ClockEntry, countingStart: Date | undefined): ClockEntry {
  if (entry.type === 'start' || entry.type === 'stop' || !countingStart) return entry;
  return entry.at.getTime() < countingStart.getTime() ? { ...entry, at: countingStart } : entry;
}

function sequenceError(message: string, index: number, entry: ClockEntry): DomainError {
  return new DomainError('deadline.invalid-clock-sequence', message, 'conflict', { index, type: entry.type });
}

/**
 * Folds deadline-ledger entries into the clock's state at `now`.
 *
 * - start: the budget counts from the next opening; the deadline is `budget` working minutes later.
 * - pause … resume: no counting in between. With `supplementClock: 'restart'`, resuming a 'supplement' pause
 *   restarts the budget from zero at the resume instant (next opening if outside hours); otherwise the deadline
 *   moves later by the paused working time.
 * - extend: the deadline becomes `newDeadline`; later pauses still shift it. An extension during a pause only
 *   shifts for the part of the pause after the extension.
 * - stop: the clock stops for good (result, refusal, withdrawal).
 *
 * Entries are ordered by `at` (stable, so ledger order breaks ties). Invalid sequences throw a DomainError
 * `deadline.invalid-clock-sequence` (kind 'conflict').
 */
export function computeClockState(entries: readonly ClockEntry[], options: ClockStateOptions): ClockState {
  const { calendar, supplementClock, now } = options;
  const budget = options.budgetMinutes;
  if (!Number.isFinite(budget) || budget < 0) {
    throw new DomainError('deadline.invalid-budget', `Invalid budget ${budget}`, 'invalid', { budget });
  }
  const nowMs = now.getTime();
  // Entries up to `now`, each at its effective instant, ordered by instant (a start first on a tie), then ledger
  // order; sorted only when the ledger is out of order.
  const countingStart = entries.find((entry) => entry.type === 'start')?.at;
  const ordered: Array<{ entry: ClockEntry; index: number }> = [];
  let inOrder = true;
  let lastMs = -Infinity;
  for (let index = 0; index < entries.length; index++) {
    const entry = effectiveEntry(entries[index], countingStart);
    const ms = entry.at.getTime();
    if (!(ms <= nowMs)) continue;
    if (ms < lastMs || (ms === lastMs && entry.type === 'start')) inOrder = false;
    lastMs = ms;
    ordered.push({ entry, index });
  }
  if (!inOrder)
    ordered.sort(
      (a, b) =>
        a.entry.at.getTime() - b.entry.at.getTime() ||
        Number(b.entry.type === 'start') - Number(a.entry.type === 'start') ||
        a.index - b.index,
    );

  let status: ClockStatus = 'not-started';
  let startedAt: Date | null = null;
  let budgetStartedAt: Date | null = null;
  let runningFrom: Date | null = null;
  let deadline: Date | null = null;
  let originalDeadline: Date | null = null;
  let deadlineBeforePause: Date | null = null;
  let pausedAt: Date | null = null;
  let shiftFrom: Date | null = null;
  let stoppedAt: Date | null = null;
  let elapsed = 0;
  let totalRunning = 0;
  let pausedTotal = 0;
  let supplementRequestCount = 0;
  let budgetRestarts = 0;
  const pauses: ClockPause[] = [];
  const extensions: ClockExtension[] = [];

  const closePause = (at: Date): { pause: ClockPause; shift: number } => {
    const pause = pauses[pauses.length - 1];
    pause.to = at;
    pause.workingMinutes = calendar.workingMinutesBetween(pause.from, at);
    pausedTotal += pause.workingMinutes;
    return { pause, shift: calendar.workingMinutesBetween(shiftFrom as Date, at) };
  };

  for (const { entry, index } of ordered) {
    switch (entry.type) {
      case 'start': {
        // Ended before its counting start (received after the cut-off, withdrawn or refused that evening): never ran.
        if (status === 'stopped' && startedAt === null) break;
        if (status !== 'not-started') throw sequenceError('The clock has already started', index, entry);
        status = 'running';
        startedAt = entry.at;
        budgetStartedAt = calendar.nextOpening(entry.at);
        runningFrom = entry.at;
        deadline = calendar.addWorkingMinutes(budgetStartedAt, budget);
        originalDeadline = deadline;
        break;
      }
      case 'pause': {
        if (status !== 'running') throw sequenceError(`Cannot pause a clock that is ${status}`, index, entry);
        const ran = calendar.workingMinutesBetween(runningFrom as Date, entry.at);
        elapsed += ran;
        totalRunning += ran;
        status = 'paused';
        pausedAt = entry.at;
        shiftFrom = entry.at;
        deadlineBeforePause = deadline;
        pauses.push({ from: entry.at, to: null, reason: entry.reason, party: entry.party, workingMinutes: 0 });
        if (entry.reason === SUPPLEMENT_PAUSE_REASON) supplementRequestCount++;
        break;
      }
      case 'resume': {
        if (status !== 'paused') throw sequenceError(`Cannot resume a clock that is ${status}`, index, entry);
        const { pause, shift } = closePause(entry.at);
        if (supplementClock === 'restart' && pause.reason === SUPPLEMENT_PAUSE_REASON) {
          budgetStartedAt = calendar.nextOpening(entry.at);
          elapsed = 0;
          deadline = calendar.addWorkingMinutes(budgetStartedAt, budget);
          budgetRestarts++;
        } else {
          deadline = calendar.addWorkingMinutes(deadline as Date, shift);
        }
        status = 'running';
        runningFrom = entry.at;
        pausedAt = null;
        shiftFrom = null;
        deadlineBeforePause = null;
        break;
      }
      case 'extend': {
        if (status === 'not-started' || status === 'stopped') {
          throw sequenceError(`Cannot extend a clock that is ${status}`, index, entry);
        }
        deadline = entry.newDeadline;
        if (status === 'paused') {
          shiftFrom = entry.at;
          deadlineBeforePause = entry.newDeadline;
        }
        extensions.push({
          at: entry.at,
          newDeadline: entry.newDeadline,
          reason: entry.reason,
          legalBasis: entry.legalBasis,
        });
        break;
      }
      case 'stop': {
        if (status === 'running') {
          const ran = calendar.workingMinutesBetween(runningFrom as Date, entry.at);
          elapsed += ran;
          totalRunning += ran;
        } else if (status === 'paused') {
          const { pause, shift } = closePause(entry.at);
          // A restart never happened (no resume), so only a shifting pause moves the deadline.
          if (!(supplementClock === 'restart' && pause.reason === SUPPLEMENT_PAUSE_REASON)) {
            deadline = calendar.addWorkingMinutes(deadline as Date, shift);
          }
          pausedAt = null;
          deadlineBeforePause = null;
        } else if (status !== 'not-started') {
          throw sequenceError(`Cannot stop a clock that is ${status}`, index, entry);
        }
        status = 'stopped';
        stoppedAt = entry.at;
        break;
      }
      default: {
        const unknown: never = entry;
        throw new DomainError('deadline.unknown-clock-entry', `Unknown clock entry ${JSON.stringify(unknown)}`);
      }
    }
  }

  if (status === 'running') {
    const ran = calendar.workingMinutesBetween(runningFrom as Date, now);
    elapsed += ran;
    totalRunning += ran;
  } else if (status === 'paused') {
    const open = pauses[pauses.length - 1];
    open.workingMinutes = calendar.workingMinutesBetween(open.from, now);
    pausedTotal += open.workingMinutes;
  }

  const visibleDeadline = status === 'paused' ? null : deadline;
  const reference = status === 'stopped' ? (stoppedAt as Date) : now;
  let remaining: number | null = null;
  let overdue = false;
  if (visibleDeadline) {
    overdue = reference.getTime() > visibleDeadline.getTime();
    remaining = overdue
      ? -calendar.workingMinutesBetween(visibleDeadline, reference)
      : calendar.workingMinutesBetween(reference, visibleDeadline);
  }

  return {
    status,
    asOf: now,
    budgetMinutes: budget,
    startedAt,
    budgetStartedAt,
    elapsedWorkingMinutes: elapsed,
    totalRunningWorkingMinutes: totalRunning,
    pausedWorkingMinutes: pausedTotal,
    deadline: visibleDeadline,
    deadlineBeforePause: status === 'paused' ? deadlineBeforePause : null,
    originalDeadline,
    remainingWorkingMinutes: remaining,
    overdue,
    pausedAt,
    stoppedAt,
    pauses,
    extensions,
    supplementRequestCount,
    budgetRestarts,
  };
}
