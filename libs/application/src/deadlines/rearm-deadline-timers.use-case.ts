import {
  ClockEntry,
  computeClockState,
  DEFAULT_DEADLINE_THRESHOLDS,
  effectiveSupplementClock,
  thresholdInstants,
  WorkingCalendar,
} from '@motcua/domain';
import {
  AppendClockEntryInput,
  CalendarRepository,
  ConfiguredThreshold,
  DeadlineClockRepository,
  DeadlineSubjectType,
  readRearmFacts,
  RearmFacts,
  toClockEntry,
  writeRearm,
} from '@motcua/persistence';
import { DEADLINE_QUEUE, outboxJob, timerDedupeKey } from '@motcua/queues';
import { EntityManager } from 'typeorm';

export type { ConfiguredThreshold } from '@motcua/persistence';

/** Default recipients of the default graded thresholds (officer → lead → supervisor as the deadline nears). */
export const DEFAULT_THRESHOLD_RECIPIENTS: Readonly<Record<string, string[]>> = Object.freeze({
  'half-used': ['officer'],
  'mostly-used': ['officer', 'agency_lead'],
  'apology-due': ['agency_lead', 'officer'],
  overdue: ['agency_lead', 'supervisor'],
});

export const DEFAULT_CONFIGURED_THRESHOLDS: readonly ConfiguredThreshold[] = DEFAULT_DEADLINE_THRESHOLDS.map(
  (threshold) => ({
    ...threshold,
    recipients: DEFAULT_THRESHOLD_RECIPIENTS[threshold.id] ?? ['officer'],
  }),
);

/** A fingerprint of the calendar table: a holiday added, removed or changed gives another stamp. */
export function calendarStamp(manager: EntityManager): Promise<string> {
  return new CalendarRepository(manager).calendarStamp();
}

export interface RearmInput {
  subjectType: DeadlineSubjectType;
  subjectId: string;
  /** The shared clock's now (ClockService.now()). */
  now: Date;
  /** Reuse an already loaded calendar (bulk recomputes). */
  calendar?: WorkingCalendar;
}

export interface RearmResult {
  deadlineVersion: number;
  deadlineAt: Date | null;
  clockStatus: string;
  armedTimers: number;
  cancelledTimers: number;
}

/**
 * THE function to call whenever a dossier's or step's deadline may have moved (clock started, paused for a
 * supplement, resumed, extended by an apology, stopped, calendar changed). In the caller's transaction: loads the
 * clock ledger, computes the clock state and the graded threshold instants with the working calendar, and arms
 * them under a bumped deadline version (older versions' timers are cancelled and can never act). Thresholds that
 * already fired for this subject are not armed again; a threshold whose instant has already passed is armed due
 * now-or-earlier, so the sweeper fires it at once. Callers that hold the dossier lock should take it first.
 * Two statements (issue 16): one read (`readRearmFacts`), one write (`writeRearm`); a cold calendar cache adds its
 * reads.
 */
export async function rearmDeadlineTimers(manager: EntityManager, input: RearmInput): Promise<RearmResult | null> {
  const facts = await readRearmFacts(manager, { subjectType: input.subjectType, subjectId: input.subjectId });
  if (!facts) return null;
  return rearmFromFacts(manager, facts, input);
}

/**
 * Re-arms a subject from facts read by `readRearmFacts` in this transaction, appending `entry` to its ledger first
 * when given (the clock state is computed with it; it is written in the same statement as the timers).
 */
export async function rearmFromFacts(
  manager: EntityManager,
  facts: RearmFacts,
  input: { now: Date; calendar?: WorkingCalendar; entry?: AppendClockEntryInput },
): Promise<RearmResult & { entryId: string | null }> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("a deadline re-arm must run inside a transaction, with that transaction's EntityManager");
  }
  const calendars = new CalendarRepository(manager);
  const calendar = input.calendar ?? (await calendars.loadCalendar({}, facts.calendarRevision));
  const entries = input.entry ? [...facts.entries, ledgerEntryOf(input.entry)] : facts.entries;
  // Entries recorded with a future instant (an appointment set ahead) are included: the ledger is the truth.
  const horizon = entries.reduce((latest, entry) => Math.max(latest, entry.at.getTime()), input.now.getTime());
  const state = computeClockState(entries, {
    budgetMinutes: facts.budgetMinutes,
    calendar,
    // A step's own budget: waiting for the applicant shifts it (the step is not restarted).
    supplementClock: facts.dossier
      ? effectiveSupplementClock(facts.dossier.ruleSetId, facts.dossier.supplementClock)
      : 'pause',
    now: new Date(horizon),
  });
  const configured = facts.thresholds ?? DEFAULT_CONFIGURED_THRESHOLDS;
  const recipients = new Map(configured.map((threshold) => [threshold.id, threshold.recipients]));
  const version = facts.armedVersion + 1;
  const written = await writeRearm(manager, {
    subject: facts.subject,
    deadlineVersion: version,
    deadlineAt: state.deadline ?? state.deadlineBeforePause,
    clockStatus: state.status,
    budgetMinutes: facts.budgetMinutes,
    thresholds: thresholdInstants(state, configured, calendar).map((instant) => ({
      id: instant.id,
      kind: instant.kind,
      dueAt: instant.at,
      recipients: recipients.get(instant.id) ?? [],
    })),
    entry: input.entry,
    ledgerEntryId: facts.lastEntryId,
    calendarStamp: await calendars.calendarStamp(facts.calendarRevision),
    timerJob: TIMER_JOB,
  });
  return {
    entryId: written.entryId,
    deadlineVersion: version,
    deadlineAt: state.deadline,
    clockStatus: state.status,
    armedTimers: written.armedTimerIds.length,
    cancelledTimers: written.cancelledTimers,
  };
}

/** The outbox message of an armed timer (the contract's queue and job name; dedupe key = prefix + timer id). */
const TIMER_JOB = (() => {
  const job = outboxJob(DEADLINE_QUEUE, 'timer-due.v1', { timerId: '' }, { dedupeKey: timerDedupeKey('') });
  return { queue: job.queue, jobName: job.jobName, dedupePrefix: job.dedupeKey as string };
})();

/** A ledger entry about to be appended, as the domain sees it once stored. */
function ledgerEntryOf(entry: AppendClockEntryInput): ClockEntry {
  return toClockEntry({
    type: entry.type,
    at: entry.at,
    reason: entry.reason ?? null,
    party: entry.party ?? null,
    legal_basis: entry.legalBasis ?? null,
    new_deadline: entry.newDeadline ?? null,
  });
}

/**
 * Re-arms the subject if its ledger or the calendar changed since it was armed (or it was never armed). Used by
 * the firing path right before acting (so a timer never acts on a deadline that has moved) and by the reconciler.
 */
export async function rearmIfStale(
  manager: EntityManager,
  subject: { subjectType: DeadlineSubjectType; subjectId: string; dossierId: string | null },
  now: Date,
  stamp?: string,
): Promise<boolean> {
  if (!subject.dossierId) return false;
  const armed = await new DeadlineClockRepository(manager).armedFrom(subject, subject.dossierId);
  if (!armed.lastEntryId) return false;
  const currentStamp = stamp ?? (await new CalendarRepository(manager).calendarStamp(armed.calendarRevision));
  if (armed.armedEntryId === armed.lastEntryId && armed.armedCalendarStamp === currentStamp) return false;
  await rearmDeadlineTimers(manager, { subjectType: subject.subjectType, subjectId: subject.subjectId, now });
  return true;
}
