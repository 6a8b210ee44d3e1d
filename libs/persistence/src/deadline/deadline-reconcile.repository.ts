import { EntityManager } from 'typeorm';
import { DeadlineSubjectType } from './deadline-clock.repository';

/** A clock the reconciler should look at again. */
export interface ClockToRecheck {
  subjectType: DeadlineSubjectType;
  subjectId: string;
  dossierId: string;
}

/** Where the deadline reconciler stopped: the last ledger entry it saw and the calendar stamp of that pass. */
export interface ReconcileCursor {
  lastEntryId: number;
  calendarStamp: string | null;
}

/** The deadline reconciler's reads and its cursor (`deadline_reconcile_cursor`, one row). I/O only. */
export class DeadlineReconcileRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The cursor, or null before the first pass wrote it. */
  async readCursor(): Promise<ReconcileCursor | null> {
    const rows: Array<{ last_entry_id: string; calendar_stamp: string | null }> = await this.manager.query(
      `SELECT last_entry_id, calendar_stamp FROM deadline_reconcile_cursor WHERE id = 1`,
    );
    return rows[0] ? { lastEntryId: Number(rows[0].last_entry_id), calendarStamp: rows[0].calendar_stamp } : null;
  }

  /** Every armed clock that has not stopped (a calendar change can move any of them). */
  async clocksNotStopped(): Promise<ClockToRecheck[]> {
    const rows: Array<{ subject_type: DeadlineSubjectType; subject_id: string; dossier_id: string }> =
      await this.manager.query(
        `SELECT subject_type, subject_id, dossier_id FROM deadline_clock WHERE clock_status IN ('running', 'paused', 'not-started') AND dossier_id IS NOT NULL`,
      );
    return rows.map((row) => ({ subjectType: row.subject_type, subjectId: row.subject_id, dossierId: row.dossier_id }));
  }

  /**
   * The clocks whose ledger gained entries after `afterEntryId` (at most `limit` entries read, in id order), with
   * the highest entry id read.
   */
  async clocksWithLedgerEntriesAfter(
    afterEntryId: number,
    limit: number,
  ): Promise<{ clocks: ClockToRecheck[]; maxEntryId: number | null }> {
    const rows: Array<{ dossier_id: string; step_task_id: string | null; max_id: string }> = await this.manager.query(
      `SELECT dossier_id, step_task_id, max(id) AS max_id FROM (
         SELECT id, dossier_id, step_task_id FROM clock_entry WHERE id > $1 ORDER BY id LIMIT $2) recent
       GROUP BY dossier_id, step_task_id`,
      [afterEntryId, limit],
    );
    return {
      clocks: rows.map((row) =>
        row.step_task_id
          ? { subjectType: 'step', subjectId: row.step_task_id, dossierId: row.dossier_id }
          : { subjectType: 'dossier', subjectId: row.dossier_id, dossierId: row.dossier_id },
      ),
      maxEntryId: rows.reduce<number | null>((max, row) => Math.max(max ?? 0, Number(row.max_id)), null),
    };
  }

  /** Moves the cursor forward (never back) and records the calendar stamp of the pass. */
  async advanceCursor(lastEntryId: number, calendarStamp: string): Promise<void> {
    await this.manager.query(
      `UPDATE deadline_reconcile_cursor SET last_entry_id = GREATEST(last_entry_id, $1), calendar_stamp = $2 WHERE id = 1`,
      [lastEntryId, calendarStamp],
    );
  }
}
