import { ClockEntry } from './clock-state';

/**
 * Whether a clock must be stopped when its subject ends (step completed or cancelled, dossier finished or ended):
 * it was started and its last ledger entry is not a stop (running, paused or extended). The one test of
 * "stop the clock if running".
 */
export function clockNeedsStop(entries: readonly Pick<ClockEntry, 'type'>[]): boolean {
  return entries.length > 0 && entries[entries.length - 1].type !== 'stop';
}

/**
 * The instant a stop is recorded at: `at`, or the clock's latest entry when that lies later. A dossier received
 * after the cut-off starts counting at the next working opening; refused or withdrawn before then, its clock
 * stops where it starts (nothing elapsed) rather than before its start, which no clock sequence allows.
 */
export function clockStopInstant(entries: readonly Pick<ClockEntry, 'at'>[], at: Date): Date {
  const latest = entries.reduce((max, entry) => Math.max(max, entry.at.getTime()), Number.NEGATIVE_INFINITY);
  return latest > at.getTime() ? new Date(latest) : at;
}

/**
 * The instant a resume is recorded at: `at`, or the pause's (the clock's latest entry) when that lies later. A pause
 * cannot end before it began, and the process that paused may run ahead of the one that resumes (issue 17: a worker
 * 1 h ahead paused for the fee, the API's IPN resumed "before" that pause and every later computation of the clock
 * refused the ledger with "Cannot resume a clock that is running"); such a pause ends where it began.
 */
export function clockResumeInstant(entries: readonly Pick<ClockEntry, 'at'>[], at: Date): Date {
  return clockStopInstant(entries, at);
}
