import { lockDossierRow } from '@motcua/persistence';
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
  const [cursor]: Array<{ last_entry_id: string; calendar_stamp: string | null }> = await dataSource.query(
    `SELECT last_entry_id, calendar_stamp FROM deadline_reconcile_cursor WHERE id = 1`,
  );
  const stamp = await calendarStamp(dataSource.manager);
  const subjects: Array<{ subject_type: 'dossier' | 'step'; subject_id: string; dossier_id: string }> = [];
  if (cursor && cursor.calendar_stamp !== stamp) {
    subjects.push(
      ...(await dataSource.query(
        `SELECT subject_type, subject_id, dossier_id FROM deadline_clock WHERE clock_status IN ('running', 'paused', 'not-started') AND dossier_id IS NOT NULL`,
      )),
    );
  }
  const lastSeen = Number(cursor?.last_entry_id ?? 0);
  const entries: Array<{ dossier_id: string; step_task_id: string | null; max_id: string }> = await dataSource.query(
    `SELECT dossier_id, step_task_id, max(id) AS max_id FROM (
       SELECT id, dossier_id, step_task_id FROM clock_entry WHERE id > $1 ORDER BY id LIMIT $2) recent
     GROUP BY dossier_id, step_task_id`,
    [Math.max(0, lastSeen - CURSOR_OVERLAP), PASS_LIMIT],
  );
  for (const entry of entries) {
    subjects.push(
      entry.step_task_id
        ? { subject_type: 'step', subject_id: entry.step_task_id, dossier_id: entry.dossier_id }
        : { subject_type: 'dossier', subject_id: entry.dossier_id, dossier_id: entry.dossier_id },
    );
  }
  const seen = new Set<string>();
  for (const subject of subjects) {
    if (shouldStop()) return result;
    const key = `${subject.subject_type}/${subject.subject_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.examined++;
    const rearmed = await dataSource.transaction(async (manager) => {
      await lockDossierRow(manager, subject.dossier_id);
      return rearmIfStale(
        manager,
        { subjectType: subject.subject_type, subjectId: subject.subject_id, dossierId: subject.dossier_id },
        now,
        stamp,
      );
    });
    if (rearmed) result.rearmed++;
  }
  const maxId = entries.reduce((max, entry) => Math.max(max, Number(entry.max_id)), lastSeen);
  await dataSource.query(
    `UPDATE deadline_reconcile_cursor SET last_entry_id = GREATEST(last_entry_id, $1), calendar_stamp = $2 WHERE id = 1`,
    [maxId, stamp],
  );
  return result;
}
