import { EntityManager } from 'typeorm';
import { updatedRows } from '../database/updated-rows';
import {
  DeadlineSubject,
  DeadlineSubjectKey,
  DeadlineSubjectType,
  DeadlineThresholdKind,
} from './deadline-clock.repository';

/** One threshold to arm: its id, kind, instant and who should be told. */
export interface ArmedThreshold {
  id: string;
  kind: DeadlineThresholdKind;
  dueAt: Date;
  recipients: readonly string[];
}

/** A timer as the firing path sees it. */
export interface DeadlineTimer {
  id: string;
  subjectType: DeadlineSubjectType;
  subjectId: string;
  dossierId: string | null;
  agencyId: string | null;
  thresholdId: string;
  thresholdKind: DeadlineThresholdKind;
  recipients: string[];
  deadlineVersion: number;
  deadlineAt: Date | null;
  dueAt: Date;
  status: 'pending' | 'fired' | 'cancelled';
  firedAt: Date | null;
}

interface TimerRow {
  id: string;
  subject_type: DeadlineSubjectType;
  subject_id: string;
  dossier_id: string | null;
  agency_id: string | null;
  threshold_id: string;
  threshold_kind: DeadlineThresholdKind;
  recipients: string[];
  deadline_version: number;
  deadline_at: Date | null;
  due_at: Date;
  status: DeadlineTimer['status'];
  fired_at: Date | null;
}

const TIMER_COLUMNS = `id, subject_type, subject_id, dossier_id, agency_id, threshold_id, threshold_kind, recipients,
  deadline_version, deadline_at, due_at, status, fired_at`;

function toTimer(row: TimerRow): DeadlineTimer {
  return {
    id: String(row.id),
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    dossierId: row.dossier_id,
    agencyId: row.agency_id,
    thresholdId: row.threshold_id,
    thresholdKind: row.threshold_kind,
    recipients: row.recipients ?? [],
    deadlineVersion: Number(row.deadline_version),
    deadlineAt: row.deadline_at ? new Date(row.deadline_at) : null,
    dueAt: new Date(row.due_at),
    status: row.status,
    firedAt: row.fired_at ? new Date(row.fired_at) : null,
  };
}

/** A timer lock attempt: the timer, or why there is none ('busy': another transaction holds it, with SKIP LOCKED). */
export type LockedTimer = { timer: DeadlineTimer } | { missing: true } | { busy: true };

/**
 * `deadline_timer`: one row per armed threshold of a subject's clock version. I/O only: what to arm, when a timer
 * may act and what firing does are decided in libs/application (deadline-timers.ts). Writes belong in the
 * caller's transaction (lock order: dossier → deadline clock → timers → outbox rows).
 */
export class DeadlineTimerRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Inserts one pending timer per threshold for `deadlineVersion` (ON CONFLICT DO NOTHING), except thresholds that
   * already fired for this subject under an earlier version (each warning fires once per subject). Returns the new
   * timers' ids and instants.
   */
  async armTimers(
    subject: DeadlineSubject,
    deadlineVersion: number,
    deadlineAt: Date | null,
    thresholds: readonly ArmedThreshold[],
  ): Promise<Array<{ id: string; dueAt: Date }>> {
    if (thresholds.length === 0) return [];
    const rows: Array<{ id: string; due_at: Date }> = await this.manager.query(
      `INSERT INTO deadline_timer (subject_type, subject_id, dossier_id, agency_id, threshold_id, threshold_kind, recipients,
                                   deadline_version, deadline_at, due_at)
       SELECT $1, $2, $3, $4, t.threshold_id, t.kind, string_to_array(t.recipients, ','), $5, $6, t.due_at
       FROM unnest($7::text[], $8::text[], $9::text[], $10::timestamptz[]) AS t (threshold_id, kind, recipients, due_at)
       WHERE NOT EXISTS (
         SELECT 1 FROM deadline_timer f
         WHERE f.subject_type = $1 AND f.subject_id = $2 AND f.threshold_id = t.threshold_id AND f.status = 'fired')
       ON CONFLICT (subject_type, subject_id, threshold_id, deadline_version) DO NOTHING
       RETURNING id, due_at`,
      [
        subject.subjectType,
        subject.subjectId,
        subject.dossierId,
        subject.agencyId,
        deadlineVersion,
        deadlineAt,
        thresholds.map((threshold) => threshold.id),
        thresholds.map((threshold) => threshold.kind),
        thresholds.map((threshold) => threshold.recipients.join(',')),
        thresholds.map((threshold) => threshold.dueAt),
      ],
    );
    return rows.map((row) => ({ id: String(row.id), dueAt: new Date(row.due_at) }));
  }

  /**
   * Cancels the subject's pending timers armed under a version older than `currentVersion`. SKIP LOCKED: a timer
   * being fired right now is left to the firing path, which sees the version moved and cancels it itself. Returns
   * the cancelled ids.
   */
  async disarmOpenTimersOf(subject: DeadlineSubjectKey, currentVersion: number): Promise<string[]> {
    const rows = updatedRows<{ id: string }>(
      await this.manager.query(
        `UPDATE deadline_timer SET status = 'cancelled'
         WHERE id IN (
           SELECT id FROM deadline_timer
           WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' AND deadline_version < $3
           FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [subject.subjectType, subject.subjectId, currentVersion],
      ),
    );
    return rows.map((row) => String(row.id));
  }

  async find(timerId: string): Promise<DeadlineTimer | null> {
    const rows: TimerRow[] = await this.manager.query(`SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE id = $1`, [
      timerId,
    ]);
    return rows[0] ? toTimer(rows[0]) : null;
  }

  /** The dossier a timer belongs to (it never changes, so it can be read before any lock); undefined = no timer. */
  async dossierOf(timerId: string): Promise<string | null | undefined> {
    const rows: Array<{ dossier_id: string | null }> = await this.manager.query(
      `SELECT dossier_id FROM deadline_timer WHERE id = $1`,
      [timerId],
    );
    return rows.length === 0 ? undefined : rows[0].dossier_id;
  }

  /** Row-locks a timer for the caller's transaction (or, with `skipLocked`, says it is busy). */
  async lock(timerId: string, options: { skipLocked?: boolean } = {}): Promise<LockedTimer> {
    const rows: TimerRow[] = await this.manager.query(
      `SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE id = $1 FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`,
      [timerId],
    );
    if (rows.length > 0) return { timer: toTimer(rows[0]) };
    const exists: unknown[] = await this.manager.query(`SELECT 1 FROM deadline_timer WHERE id = $1`, [timerId]);
    return exists.length > 0 ? { busy: true } : { missing: true };
  }

  /** Cancels one timer if it is still pending. */
  async cancel(timerId: string): Promise<void> {
    await this.manager.query(`UPDATE deadline_timer SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, [
      timerId,
    ]);
  }

  /** Marks a pending timer fired; false when it no longer was pending (someone else acted). */
  async markFired(timerId: string, at: Date, firedBy: string): Promise<boolean> {
    const marked = updatedRows(
      await this.manager.query(
        `UPDATE deadline_timer SET status = 'fired', fired_at = $2, fired_by = $3 WHERE id = $1 AND status = 'pending' RETURNING id`,
        [timerId, at, firedBy],
      ),
    );
    return marked.length > 0;
  }

  /**
   * Up to `limit` pending timers due at `now` in this lane (`id % lanes = lane`), skipping those backing off after a
   * failure (`retry_after` in the future, real database time), earliest first, then ordered by dossier (then id)
   * so a batch takes dossier locks in one global order. No row locks are taken. `attempted`: timers this sweep already
   * tried (one attempt per timer per sweep, however long the sweep takes against the first, one-second backoff).
   */
  async dueTimers(
    now: Date,
    limit: number,
    partition: { lane: number; lanes: number },
    attempted: readonly string[] = [],
  ): Promise<string[]> {
    const rows: Array<{ id: string; dossier_id: string | null }> = await this.manager.query(
      `SELECT id, dossier_id FROM deadline_timer
       WHERE status = 'pending' AND due_at <= $1 AND (retry_after IS NULL OR retry_after <= clock_timestamp())
         AND id % $3 = $4 AND NOT (id = ANY($5::bigint[]))
       ORDER BY due_at LIMIT $2`,
      [now, limit, partition.lanes, partition.lane, attempted],
    );
    return rows
      .sort((a, b) => (a.dossier_id ?? '').localeCompare(b.dossier_id ?? '') || Number(a.id) - Number(b.id))
      .map((row) => String(row.id));
  }

  /**
   * Records a failed firing attempt on a pending timer: it backs off for 2^(attempts-1) seconds, at most
   * `maxBackoffSeconds` (database time), and keeps the error.
   */
  async recordFiringFailure(timerId: string, error: string, maxBackoffSeconds: number): Promise<void> {
    await this.manager.query(
      `UPDATE deadline_timer
       SET fire_attempts = fire_attempts + 1,
           retry_after = clock_timestamp() + make_interval(secs => least($3::int, power(2, fire_attempts)::int)),
           last_error = left($2, 2000)
       WHERE id = $1 AND status = 'pending'`,
      [timerId, error, maxBackoffSeconds],
    );
  }

  /** Every timer of a dossier (its own clock's and its steps'), by due instant. */
  async listOfDossier(dossierId: string): Promise<DeadlineTimer[]> {
    const rows: TimerRow[] = await this.manager.query(
      `SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE dossier_id = $1 ORDER BY due_at, id`,
      [dossierId],
    );
    return rows.map(toTimer);
  }
}
