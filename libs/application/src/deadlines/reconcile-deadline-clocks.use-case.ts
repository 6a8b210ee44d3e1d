import { ClockToRecheck, DeadlineReconcileRepository, lockDossierRow } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { calendarStamp, rearmIfStale } from './rearm-deadline-timers.use-case';

export interface ReconcileResult {
  examined: number;
  rearmed: number;
}

/** Ledger ids re-read behind the cursor each pass: covers transactions that commit out of id order. */
const CURSOR_OVERLAP = 1000;
const PASS_LIMIT = 5000;

/**
 * Re-arms every clock whose ledger (clock_entry) or the calendar changed since it was armed, so the deadline
 * timers follow intake, supplement pauses and resumes, step starts and stops, extensions and calendar changes
 * without each writer having to call `rearmDeadlineTimers` (callers that can, should: it is immediate).
 * Idempotent and safe to run on several workers at once (each subject is re-armed under its dossier lock).
 */
export async function reconcileDeadlineClocks(
  dataSource: DataSource,
  now: Date,
  /** Checked before each subject (process shutdown): stopping early is safe, the cursor only moves after a full pass. */
  shouldStop: () => boolean = () => false,
): Promise<ReconcileResult> {
  const result: ReconcileResult = { examined: 0, rearmed: 0 };
  const reconcile = new DeadlineReconcileRepository(dataSource.manager);
  const cursor = await reconcile.readCursor();
  const stamp = await calendarStamp(dataSource.manager);
  const subjects: ClockToRecheck[] = [];
  // The calendar changed since the last pass: every clock still counting may have moved.
  if (cursor && cursor.calendarStamp !== stamp) subjects.push(...(await reconcile.clocksNotStopped()));
  const lastSeen = cursor?.lastEntryId ?? 0;
  const recent = await reconcile.clocksWithLedgerEntriesAfter(Math.max(0, lastSeen - CURSOR_OVERLAP), PASS_LIMIT);
  subjects.push(...recent.clocks);
  const seen = new Set<string>();
  for (const subject of subjects) {
    if (shouldStop()) return result;
    const key = `${subject.subjectType}/${subject.subjectId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.examined++;
    const rearmed = await dataSource.transaction(async (manager) => {
      await lockDossierRow(manager, subject.dossierId);
      return rearmIfStale(manager, subject, now, stamp);
    });
    if (rearmed) result.rearmed++;
  }
  await reconcile.advanceCursor(Math.max(lastSeen, recent.maxEntryId ?? lastSeen), stamp);
  return result;
}
