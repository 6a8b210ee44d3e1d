import { lockDossierRow } from '@motcua/persistence';
import { writeOutbox } from '@motcua/platform';
import { DEADLINE_QUEUE, outboxJob, timerDedupeKey } from '@motcua/queues';
import { EntityManager } from 'typeorm';

export type DeadlineSubjectType = 'dossier' | 'step';
export type DeadlineThresholdKind = 'budget-used' | 'before-deadline' | 'deadline';
export type DeadlineClockStatus = 'not-started' | 'running' | 'paused' | 'stopped';

/** The clock a set of timers belongs to: a dossier's overall deadline, or one step's. */
export interface DeadlineSubject {
  subjectType: DeadlineSubjectType;
  subjectId: string;
  /** The dossier the subject belongs to (the dossier itself for 'dossier'); effects append events to it. */
  dossierId: string | null;
  /** The agency responsible for the subject (the step's agency; for a dossier, its handling agency). */
  agencyId: string | null;
  procedureId?: string | null;
}

/** One threshold to arm: its id, kind, instant and who should be told. */
export interface ArmedThreshold {
  id: string;
  kind: DeadlineThresholdKind;
  dueAt: Date;
  recipients: readonly string[];
}

export interface ArmTimersInput {
  subject: DeadlineSubject;
  /** Must be greater than the armed version (see `nextDeadlineVersion`); an older version is ignored. */
  deadlineVersion: number;
  deadlineAt: Date | null;
  clockStatus: DeadlineClockStatus;
  budgetMinutes?: number | null;
  thresholds: readonly ArmedThreshold[];
}

export interface ArmTimersResult {
  /** False when a newer version was already armed (nothing written). */
  applied: boolean;
  armedTimerIds: string[];
  cancelledTimers: number;
}

/** The armed version of a subject's clock (0 = never armed), locked for the caller's transaction. */
export async function nextDeadlineVersion(
  manager: EntityManager,
  subject: Pick<DeadlineSubject, 'subjectType' | 'subjectId'>,
): Promise<number> {
  const rows: Array<{ deadline_version: number }> = await manager.query(
    `SELECT deadline_version FROM deadline_clock WHERE subject_type = $1 AND subject_id = $2 FOR UPDATE`,
    [subject.subjectType, subject.subjectId],
  );
  return (rows[0] ? Number(rows[0].deadline_version) : 0) + 1;
}

/**
 * Arms a subject's deadline timers for `deadlineVersion`, inside the caller's transaction:
 * - records the armed deadline and version in `deadline_clock` (timers of any other version become stale);
 * - inserts one `deadline_timer` per threshold (ON CONFLICT DO NOTHING), skipping thresholds that already fired
 *   for this subject under an earlier version (each warning fires once per subject);
 * - cancels the pending timers of older versions (SKIP LOCKED: one being fired right now is left to the firing
 *   path, which sees the version moved and cancels it itself);
 * - writes one outbox row per new timer (`timer-due.v1`, deliverAt = due_at): the relay publishes it as a
 *   BullMQ delayed job, the fast path. The sweeper is the backstop.
 */
export async function armTimers(manager: EntityManager, input: ArmTimersInput): Promise<ArmTimersResult> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("armTimers must be called inside a transaction, with that transaction's EntityManager");
  }
  const { subject } = input;
  const upserted: unknown[] = await manager.query(
    `INSERT INTO deadline_clock (subject_type, subject_id, dossier_id, agency_id, procedure_id, deadline_version, deadline_at, clock_status, budget_minutes, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     ON CONFLICT (subject_type, subject_id) DO UPDATE SET
       dossier_id = EXCLUDED.dossier_id, agency_id = EXCLUDED.agency_id, procedure_id = EXCLUDED.procedure_id,
       deadline_version = EXCLUDED.deadline_version, deadline_at = EXCLUDED.deadline_at,
       clock_status = EXCLUDED.clock_status, budget_minutes = EXCLUDED.budget_minutes, updated_at = now()
     WHERE deadline_clock.deadline_version < EXCLUDED.deadline_version
     RETURNING subject_id`,
    [
      subject.subjectType,
      subject.subjectId,
      subject.dossierId,
      subject.agencyId,
      subject.procedureId ?? null,
      input.deadlineVersion,
      input.deadlineAt,
      input.clockStatus,
      input.budgetMinutes ?? null,
    ],
  );
  if (upserted.length === 0) return { applied: false, armedTimerIds: [], cancelledTimers: 0 };

  const cancelled = updatedRows<{ id: string }>(
    await manager.query(
      `UPDATE deadline_timer SET status = 'cancelled'
       WHERE id IN (
         SELECT id FROM deadline_timer
         WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' AND deadline_version < $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [subject.subjectType, subject.subjectId, input.deadlineVersion],
    ),
  );

  await settleTimerOutbox(
    manager,
    cancelled.map((row) => String(row.id)),
    null,
  );

  let armed: Array<{ id: string; due_at: Date }> = [];
  if (input.thresholds.length > 0) {
    armed = await manager.query(
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
        input.deadlineVersion,
        input.deadlineAt,
        input.thresholds.map((threshold) => threshold.id),
        input.thresholds.map((threshold) => threshold.kind),
        input.thresholds.map((threshold) => threshold.recipients.join(',')),
        input.thresholds.map((threshold) => threshold.dueAt),
      ],
    );
  }
  await writeOutbox(
    manager,
    armed.map((row) =>
      outboxJob(
        DEADLINE_QUEUE,
        'timer-due.v1',
        { timerId: String(row.id) },
        { dedupeKey: timerDedupeKey(String(row.id)), deliverAt: new Date(row.due_at) },
      ),
    ),
  );
  return { applied: true, armedTimerIds: armed.map((row) => String(row.id)), cancelledTimers: cancelled.length };
}

/**
 * The RETURNING rows of an UPDATE/DELETE through `EntityManager.query`: TypeORM's Postgres driver answers those
 * with `[rows, rowCount]` (plain rows for SELECT/INSERT). Reading `.length` or mapping the raw answer silently
 * sees two "rows" — which left cancelled timers' outbox rows unconsumed.
 */
export function updatedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

/**
 * Marks the outbox rows of fired or cancelled timers consumed, so the relay never re-publishes them and a delayed
 * job still in Redis finds its row consumed (a duplicate). The job path's own consume is then a no-op.
 */
async function settleTimerOutbox(manager: EntityManager, timerIds: string[], at: Date | null): Promise<void> {
  if (timerIds.length === 0) return;
  await manager.query(
    `UPDATE outbox_message SET consumed_at = coalesce($2, now()) WHERE dedupe_key = ANY($1::text[]) AND consumed_at IS NULL`,
    [timerIds.map(timerDedupeKey), at],
  );
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

export async function findDeadlineTimer(manager: EntityManager, timerId: string): Promise<DeadlineTimer | null> {
  const rows: TimerRow[] = await manager.query(`SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE id = $1`, [timerId]);
  return rows[0] ? toTimer(rows[0]) : null;
}

/**
 * Up to `limit` pending timers due at `now`, ordered by dossier so a batch takes dossier locks in one global
 * order. No row locks are taken here: firing locks the dossier first, then the timer (the order every deadline
 * change uses), so holding timer locks across a batch would invert it and deadlock with the API. Concurrent
 * lanes split the work by `id % lanes`; two sweepers that still meet on a timer serialise on the dossier lock
 * and the second finds it done. Timers that failed recently (`retry_after` in the future, real database time:
 * a technical backoff, not business time) are skipped, so a timer that fails every time never blocks the rest.
 */
export async function claimDueTimerIds(
  manager: EntityManager,
  now: Date,
  limit: number,
  partition: { lane: number; lanes: number } = { lane: 0, lanes: 1 },
): Promise<string[]> {
  const rows: Array<{ id: string; dossier_id: string | null }> = await manager.query(
    `SELECT id, dossier_id FROM deadline_timer
     WHERE status = 'pending' AND due_at <= $1 AND (retry_after IS NULL OR retry_after <= clock_timestamp())
       AND id % $3 = $4
     ORDER BY due_at LIMIT $2`,
    [now, limit, partition.lanes, partition.lane],
  );
  return rows
    .sort((a, b) => (a.dossier_id ?? '').localeCompare(b.dossier_id ?? '') || Number(a.id) - Number(b.id))
    .map((row) => String(row.id));
}

/** Longest wait before a failing timer is tried again (seconds). */
export const TIMER_RETRY_MAX_SECONDS = 300;

/**
 * Records a failed firing attempt on a timer the caller holds (claimed, after rolling back the attempt): the timer
 * is skipped by `claimDueTimerIds` for 2^(attempts-1) seconds, at most `TIMER_RETRY_MAX_SECONDS`. It stays pending
 * and fires as soon as it succeeds (a delayed job may also fire it meanwhile).
 */
export async function recordTimerFailure(manager: EntityManager, timerId: string, error: string): Promise<void> {
  await manager.query(
    `UPDATE deadline_timer
     SET fire_attempts = fire_attempts + 1,
         retry_after = clock_timestamp() + make_interval(secs => least($3::int, power(2, fire_attempts)::int)),
         last_error = left($2, 2000)
     WHERE id = $1 AND status = 'pending'`,
    [timerId, error, TIMER_RETRY_MAX_SECONDS],
  );
}

export type FireTimerOutcome = 'fired' | 'not-yet' | 'superseded' | 'already-done' | 'busy' | 'missing';

export interface FireTimerOptions {
  /** Who fires: 'job' (delayed BullMQ job) or 'sweeper'. Recorded for the lateness report. */
  firedBy: 'job' | 'sweeper';
  /** Skip (outcome 'busy') instead of waiting when another transaction holds the timer. */
  skipLocked?: boolean;
  /** Runs under the dossier lock before the version check: re-arms the subject if its ledger/calendar moved. */
  refresh?: (manager: EntityManager, timer: DeadlineTimer, now: Date) => Promise<unknown>;
}

/** The effect of a fired timer (dossier event, notification, lateness), run in the firing transaction. */
export type TimerEffect = (manager: EntityManager, timer: DeadlineTimer, now: Date) => Promise<void>;

/**
 * The one idempotent firing path, in the caller's transaction. Lock order: dossier, then timer, then the armed
 * clock row — the same order as every deadline change (the API and the reconciler lock the dossier, then re-arm),
 * so firing never deadlocks with them.
 * - not pending → 'already-done' (fired once already, or cancelled);
 * - `now` before due_at → 'not-yet' (never acts early: `now` comes from the shared clock);
 * - armed version moved → the timer is cancelled, 'superseded' (the new version's timers exist);
 * - else `UPDATE ... WHERE status = 'pending' RETURNING` marks it fired (acts once) and runs `effect`.
 */
export async function fireDeadlineTimer(
  manager: EntityManager,
  timerId: string,
  now: Date,
  effect: TimerEffect,
  options: FireTimerOptions,
): Promise<FireTimerOutcome> {
  // A timer's dossier never changes, so it can be read before taking the dossier lock.
  const owner: Array<{ dossier_id: string | null }> = await manager.query(
    `SELECT dossier_id FROM deadline_timer WHERE id = $1`,
    [timerId],
  );
  if (owner.length === 0) return 'missing';
  if (owner[0].dossier_id) {
    if (!(await lockDossierRow(manager, owner[0].dossier_id, { skipLocked: options.skipLocked }))) return 'busy';
  }
  const rows: TimerRow[] = await manager.query(
    `SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE id = $1 FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`,
    [timerId],
  );
  if (rows.length === 0) {
    const exists: unknown[] = await manager.query(`SELECT 1 FROM deadline_timer WHERE id = $1`, [timerId]);
    return exists.length > 0 ? 'busy' : 'missing';
  }
  const timer = toTimer(rows[0]);
  if (timer.status !== 'pending') return 'already-done';
  if (now.getTime() < timer.dueAt.getTime()) return 'not-yet';
  await options.refresh?.(manager, timer, now);
  const clock: Array<{ deadline_version: number }> = await manager.query(
    `SELECT deadline_version FROM deadline_clock WHERE subject_type = $1 AND subject_id = $2`,
    [timer.subjectType, timer.subjectId],
  );
  if (clock.length > 0 && Number(clock[0].deadline_version) !== timer.deadlineVersion) {
    await manager.query(`UPDATE deadline_timer SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, [
      timer.id,
    ]);
    await settleTimerOutbox(manager, [timer.id], now);
    return 'superseded';
  }
  const marked = updatedRows(
    await manager.query(
      `UPDATE deadline_timer SET status = 'fired', fired_at = $2, fired_by = $3 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [timer.id, now, options.firedBy],
    ),
  );
  if (marked.length === 0) return 'already-done';
  await settleTimerOutbox(manager, [timer.id], now);
  await effect(manager, { ...timer, status: 'fired', firedAt: now }, now);
  return 'fired';
}

/** Records lateness on an armed clock (first overdue wins; later calls keep the first attribution). */
export async function markClockOverdue(
  manager: EntityManager,
  subject: Pick<DeadlineSubject, 'subjectType' | 'subjectId'>,
  overdueAt: Date,
  lateAgencyId: string | null,
): Promise<boolean> {
  const rows = updatedRows(
    await manager.query(
      `UPDATE deadline_clock SET overdue_at = $3, late_agency_id = $4, updated_at = now()
       WHERE subject_type = $1 AND subject_id = $2 AND overdue_at IS NULL RETURNING subject_id`,
      [subject.subjectType, subject.subjectId, overdueAt, lateAgencyId],
    ),
  );
  return rows.length > 0;
}

/** The armed clocks of a dossier (its own and its steps'), for the clock history view. */
export interface ArmedDeadlineClock {
  subjectType: DeadlineSubjectType;
  subjectId: string;
  agencyId: string | null;
  deadlineVersion: number;
  deadlineAt: Date | null;
  clockStatus: DeadlineClockStatus;
  overdueAt: Date | null;
  lateAgencyId: string | null;
}

export async function listArmedClocks(manager: EntityManager, dossierId: string): Promise<ArmedDeadlineClock[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT subject_type, subject_id, agency_id, deadline_version, deadline_at, clock_status, overdue_at, late_agency_id
     FROM deadline_clock WHERE dossier_id = $1 ORDER BY subject_type, updated_at`,
    [dossierId],
  );
  return rows.map((row) => ({
    subjectType: row.subject_type as DeadlineSubjectType,
    subjectId: row.subject_id as string,
    agencyId: (row.agency_id as string | null) ?? null,
    deadlineVersion: Number(row.deadline_version),
    deadlineAt: row.deadline_at ? new Date(row.deadline_at as Date) : null,
    clockStatus: row.clock_status as DeadlineClockStatus,
    overdueAt: row.overdue_at ? new Date(row.overdue_at as Date) : null,
    lateAgencyId: (row.late_agency_id as string | null) ?? null,
  }));
}

export async function listDeadlineTimers(manager: EntityManager, dossierId: string): Promise<DeadlineTimer[]> {
  const rows: TimerRow[] = await manager.query(
    `SELECT ${TIMER_COLUMNS} FROM deadline_timer WHERE dossier_id = $1 ORDER BY due_at, id`,
    [dossierId],
  );
  return rows.map(toTimer);
}

// File length: arming, firing and reading deadline timers share their row mapping and lock order; splitting the SQL into a repository is the next step.
