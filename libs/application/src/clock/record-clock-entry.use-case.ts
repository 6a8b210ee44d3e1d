import { clockNeedsStop, clockStopInstant, WorkingCalendar } from '@motcua/domain';
import { AppendClockEntryInput, appendClockEntry, loadClockEntries } from '@motcua/persistence';
import { EntityManager } from 'typeorm';
import { rearmDeadlineTimers } from '../deadlines/rearm-deadline-timers.use-case';

/**
 * Appends one fact to a clock's ledger AND re-arms that clock's deadline timers, in the caller's transaction: the
 * one arming path (timers change in the transaction that changes the deadline, never seconds later). `now` is the
 * shared clock's now. Callers hold the dossier row lock (lock order: dossier → deadline clock → timers).
 */
export async function recordClockEntry(
  manager: EntityManager,
  input: AppendClockEntryInput,
  now: Date,
  /** The calendar the caller already loaded in this transaction (saves reading it again). */
  options: { calendar?: WorkingCalendar } = {},
): Promise<{ id: string }> {
  const entry = await appendClockEntry(manager, input);
  await rearmDeadlineTimers(manager, {
    subjectType: input.stepTaskId ? 'step' : 'dossier',
    subjectId: input.stepTaskId ?? input.dossierId,
    now,
    calendar: options.calendar,
  });
  return entry;
}

/**
 * Stops a clock if it runs (started, last entry not a stop: `clockNeedsStop`), which disarms its pending timers.
 * A clock whose start lies after `at` (counting begins at the next working opening) stops at its start
 * (`clockStopInstant`). Returns whether a stop was recorded.
 */
export async function stopClockIfRunning(
  manager: EntityManager,
  input: Omit<AppendClockEntryInput, 'type'>,
  now: Date,
): Promise<boolean> {
  const entries = await loadClockEntries(manager, input.dossierId, input.stepTaskId ?? null);
  if (!clockNeedsStop(entries)) return false;
  await recordClockEntry(manager, { ...input, type: 'stop', at: clockStopInstant(entries, input.at) }, now);
  return true;
}
