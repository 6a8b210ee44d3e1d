import { clockNeedsStop, clockStopInstant, WorkingCalendar } from '@motcua/domain';
import {
  AppendClockEntryInput,
  appendClockEntry,
  assertValidClockEntry,
  DeadlineSubjectKey,
  readRearmFacts,
  RearmFacts,
} from '@motcua/persistence';
import { EntityManager } from 'typeorm';
import { rearmFromFacts } from '../deadlines/rearm-deadline-timers.use-case';

/**
 * Appends one fact to a clock's ledger AND re-arms that clock's deadline timers, in the caller's transaction: the
 * one arming path (timers change in the transaction that changes the deadline, never seconds later). `now` is the
 * shared clock's now. Callers hold the dossier row lock (lock order: dossier → deadline clock → timers).
 * Two statements: the clock's facts are read, then the entry, the armed clock and its timers are written at once.
 */
export async function recordClockEntry(
  manager: EntityManager,
  input: AppendClockEntryInput,
  now: Date,
  /** The calendar the caller already loaded in this transaction (saves reading it again). */
  options: { calendar?: WorkingCalendar } = {},
): Promise<{ id: string }> {
  assertValidClockEntry(input);
  const facts = await readRearmFacts(manager, subjectOf(input));
  // No such dossier or step: the ledger insert reports it (as before the re-arm).
  if (!facts) return appendClockEntry(manager, input);
  const { entryId } = await rearmFromFacts(manager, facts, { now, calendar: options.calendar, entry: input });
  return { id: entryId as string };
}

/**
 * Stops a clock if it runs (started, last entry not a stop: `clockNeedsStop`), which disarms its pending timers.
 * A clock whose start lies after `at` (counting begins at the next working opening) stops at its start
 * (`clockStopInstant`). Returns whether a stop was recorded. One statement when the clock is not running, two
 * when it stops.
 */
export async function stopClockIfRunning(
  manager: EntityManager,
  input: Omit<AppendClockEntryInput, 'type'>,
  now: Date,
  options: {
    /** This clock's facts, read by `readClockFacts` earlier in this transaction with no ledger change since. */
    facts?: RearmFacts | null;
    calendar?: WorkingCalendar;
  } = {},
): Promise<boolean> {
  const facts = options.facts !== undefined ? options.facts : await readRearmFacts(manager, subjectOf(input));
  if (!facts || !clockNeedsStop(facts.entries)) return false;
  const stop: AppendClockEntryInput = { ...input, type: 'stop', at: clockStopInstant(facts.entries, input.at) };
  await rearmFromFacts(manager, facts, { now, calendar: options.calendar, entry: stop });
  return true;
}

/**
 * A clock's facts (subject, ledger, thresholds, armed version row-locked, calendar revision) in one statement, for a
 * caller that needs the ledger itself and then stops or re-arms the clock (pass them on: no second read). Callers
 * hold the dossier row lock (lock order: dossier → deadline clock → timers). Null: no such dossier or step task.
 */
export function readClockFacts(
  manager: EntityManager,
  clock: Pick<AppendClockEntryInput, 'dossierId' | 'stepTaskId'>,
): Promise<RearmFacts | null> {
  return readRearmFacts(manager, subjectOf(clock));
}

function subjectOf(input: Pick<AppendClockEntryInput, 'dossierId' | 'stepTaskId'>): DeadlineSubjectKey {
  return input.stepTaskId
    ? { subjectType: 'step', subjectId: input.stepTaskId }
    : { subjectType: 'dossier', subjectId: input.dossierId };
}
