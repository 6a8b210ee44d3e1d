import {
  ArmedThreshold,
  DeadlineClockRepository,
  DeadlineClockStatus,
  DeadlineSubject,
  DeadlineSubjectKey,
  DeadlineTimer,
  DeadlineTimerRepository,
  lockDossierRow,
} from '@motcua/persistence';
import { settleOutboxByDedupeKeys, writeOutbox } from '@motcua/platform';
import { DEADLINE_QUEUE, outboxJob, timerDedupeKey } from '@motcua/queues';
import { EntityManager } from 'typeorm';

// The rows and their SQL live in libs/persistence (DeadlineClockRepository, DeadlineTimerRepository); the types are
// re-exported here for the callers that arm and fire timers.
export type {
  ArmedDeadlineClock,
  ArmedThreshold,
  DeadlineClockStatus,
  DeadlineSubject,
  DeadlineSubjectType,
  DeadlineThresholdKind,
  DeadlineTimer,
} from '@motcua/persistence';

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

/** The version to arm next for a subject's clock (armed version + 1), its row locked for the caller's transaction. */
export async function nextDeadlineVersion(manager: EntityManager, subject: DeadlineSubjectKey): Promise<number> {
  return (await new DeadlineClockRepository(manager).lockArmedVersion(subject)) + 1;
}

/**
 * Arms a subject's deadline timers for `deadlineVersion`, inside the caller's transaction:
 * - records the armed deadline and version (timers of any other version become stale); an older version than the
 *   armed one changes nothing;
 * - disarms the pending timers of older versions and settles their outbox rows;
 * - arms one timer per threshold (thresholds that already fired for this subject are not armed again);
 * - writes one outbox row per new timer (`timer-due.v1`, deliverAt = due instant): the relay publishes it as a
 *   BullMQ delayed job, the fast path. The sweeper is the backstop.
 */
export async function armTimers(manager: EntityManager, input: ArmTimersInput): Promise<ArmTimersResult> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("armTimers must be called inside a transaction, with that transaction's EntityManager");
  }
  const clocks = new DeadlineClockRepository(manager);
  const timers = new DeadlineTimerRepository(manager);
  const applied = await clocks.recordArmedDeadline({
    subject: input.subject,
    deadlineVersion: input.deadlineVersion,
    deadlineAt: input.deadlineAt,
    clockStatus: input.clockStatus,
    budgetMinutes: input.budgetMinutes,
  });
  if (!applied) return { applied: false, armedTimerIds: [], cancelledTimers: 0 };

  const cancelled = await timers.disarmOpenTimersOf(input.subject, input.deadlineVersion);
  await settleTimerOutbox(manager, cancelled, null);
  const armed = await timers.armTimers(input.subject, input.deadlineVersion, input.deadlineAt, input.thresholds);
  await writeOutbox(
    manager,
    armed.map((timer) =>
      outboxJob(
        DEADLINE_QUEUE,
        'timer-due.v1',
        { timerId: timer.id },
        { dedupeKey: timerDedupeKey(timer.id), deliverAt: timer.dueAt },
      ),
    ),
  );
  return { applied: true, armedTimerIds: armed.map((timer) => timer.id), cancelledTimers: cancelled.length };
}

/**
 * Marks the outbox rows of fired or cancelled timers consumed, so the relay never re-publishes them and a delayed
 * job still in Redis finds its row consumed (a duplicate). The job path's own consume is then a no-op.
 */
function settleTimerOutbox(manager: EntityManager, timerIds: string[], at: Date | null): Promise<void> {
  return settleOutboxByDedupeKeys(manager, timerIds.map(timerDedupeKey), at);
}

/** Longest wait before a failing timer is tried again (seconds). */
export const TIMER_RETRY_MAX_SECONDS = 300;

/**
 * Records a failed firing attempt on a timer the caller holds (claimed, after rolling back the attempt): the
 * sweeper skips it for 2^(attempts-1) seconds, at most `TIMER_RETRY_MAX_SECONDS`. It stays pending and fires as
 * soon as it succeeds (a delayed job may also fire it meanwhile), so a timer that fails every time never blocks
 * the rest.
 */
export function recordTimerFailure(manager: EntityManager, timerId: string, error: string): Promise<void> {
  return new DeadlineTimerRepository(manager).recordFiringFailure(timerId, error, TIMER_RETRY_MAX_SECONDS);
}

export type FireTimerOutcome = 'fired' | 'not-yet' | 'superseded' | 'already-done' | 'busy' | 'missing';

export interface FireTimerOptions {
  /** Who fires: 'job' (delayed BullMQ job) or 'sweeper'. Recorded for the lateness report. */
  firedBy: 'job' | 'sweeper';
  /** Skip (outcome 'busy') instead of waiting when another transaction holds the timer. */
  skipLocked?: boolean;
  /** Runs under the dossier lock before the version check: re-arms the subject if its ledger/calendar moved. */
  refresh?: (manager: EntityManager, timer: DeadlineTimer, now: Date) => Promise<unknown>;
  /**
   * The caller already locked the timer's dossier first in this transaction (the job path locks it before marking
   * its outbox row consumed, the one lock order): the timer's dossier id (null for a timer without a dossier), read
   * before the transaction (a timer never changes dossier). Saves the dossier look-up and the second lock; the
   * lock order is unchanged.
   */
  lockedDossierId?: string | null;
  /** The caller consumed this timer's own outbox row in this transaction (the job path): no settle needed. */
  outboxConsumed?: boolean;
}

/**
 * The effect of a fired timer (dossier event, notification, lateness), run in the firing transaction, always under
 * the timer's dossier row lock (taken by `fireDeadlineTimer` or its caller): appends pass `dossierLocked`.
 */
export type TimerEffect = (manager: EntityManager, timer: DeadlineTimer, now: Date) => Promise<void>;

/**
 * The one idempotent firing path, in the caller's transaction. Lock order: dossier, then timer, then the armed
 * clock row — the same order as every deadline change (the API and the reconciler lock the dossier, then re-arm),
 * so firing never deadlocks with them.
 * - not pending → 'already-done' (fired once already, or cancelled);
 * - `now` before its due instant → 'not-yet' (never acts early: `now` comes from the shared clock);
 * - armed version moved → the timer is cancelled, 'superseded' (the new version's timers exist);
 * - else it is marked fired only if still pending (acts once) and `effect` runs.
 */
export async function fireDeadlineTimer(
  manager: EntityManager,
  timerId: string,
  now: Date,
  effect: TimerEffect,
  options: FireTimerOptions,
): Promise<FireTimerOutcome> {
  const timers = new DeadlineTimerRepository(manager);
  if (options.lockedDossierId === undefined) {
    const dossierId = await timers.dossierOf(timerId);
    if (dossierId === undefined) return 'missing';
    if (dossierId) {
      if (!(await lockDossierRow(manager, dossierId, { skipLocked: options.skipLocked }))) return 'busy';
    }
  }
  const locked = await timers.lock(timerId, { skipLocked: options.skipLocked });
  if ('missing' in locked) return 'missing';
  if ('busy' in locked) return 'busy';
  const { timer } = locked;
  if (options.lockedDossierId !== undefined && timer.dossierId !== options.lockedDossierId) {
    // Never the case (a timer keeps its dossier); refuse rather than act under the wrong lock.
    throw new Error(`timer ${timerId}: dossier ${timer.dossierId} is not the locked ${options.lockedDossierId}`);
  }
  if (timer.status !== 'pending') return 'already-done';
  if (now.getTime() < timer.dueAt.getTime()) return 'not-yet';
  await options.refresh?.(manager, timer, now);
  const armedVersion = await new DeadlineClockRepository(manager).armedVersion(timer);
  const settle = (): Promise<void> =>
    options.outboxConsumed ? Promise.resolve() : settleTimerOutbox(manager, [timer.id], now);
  if (armedVersion !== null && armedVersion !== timer.deadlineVersion) {
    await timers.cancel(timer.id);
    await settle();
    return 'superseded';
  }
  if (!(await timers.markFired(timer.id, now, options.firedBy))) return 'already-done';
  await settle();
  await effect(manager, { ...timer, status: 'fired', firedAt: now }, now);
  return 'fired';
}
