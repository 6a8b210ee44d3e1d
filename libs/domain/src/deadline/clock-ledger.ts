import { ClockEntry } from './clock-state';

/**
 * Whether a clock must be stopped when its subject ends (step completed or cancelled, dossier finished or ended):
 * it was started and its last ledger entry is not a stop (running, paused or extended). The one test of
 * "stop the clock if running".
 */
export function clockNeedsStop(entries: readonly Pick<ClockEntry, 'type'>[]): boolean {
  return entries.length > 0 && entries[entries.length - 1].type !== 'stop';
}
