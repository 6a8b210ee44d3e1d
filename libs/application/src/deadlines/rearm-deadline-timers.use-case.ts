import {
  computeClockState,
  DEFAULT_DEADLINE_THRESHOLDS,
  effectiveSupplementClock,
  thresholdInstants,
  WorkingCalendar,
} from '@motcua/domain';
import {
  CalendarRepository,
  ConfiguredThreshold,
  DeadlineClockRepository,
  DeadlineSubjectType,
  lastClockEntryId,
  loadClockEntries,
} from '@motcua/persistence';
import { EntityManager } from 'typeorm';
import { armTimers, nextDeadlineVersion } from './deadline-timers';

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

/** Thresholds for a subject: the procedure's own configuration, else the global one, else the defaults. */
export async function loadThresholdConfig(
  manager: EntityManager,
  subjectType: DeadlineSubjectType,
  procedureId: string | null,
): Promise<readonly ConfiguredThreshold[]> {
  return (
    (await new DeadlineClockRepository(manager).findThresholdConfig(subjectType, procedureId)) ??
    DEFAULT_CONFIGURED_THRESHOLDS
  );
}

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
 */
export async function rearmDeadlineTimers(manager: EntityManager, input: RearmInput): Promise<RearmResult | null> {
  const clocks = new DeadlineClockRepository(manager);
  const facts = await clocks.findSubject(input.subjectType, input.subjectId);
  if (!facts) return null;
  const calendar = input.calendar ?? (await new CalendarRepository(manager).loadCalendar());
  const dossierId = facts.subject.dossierId as string;
  const entries = await loadClockEntries(manager, dossierId, facts.stepTaskId);
  const lastEntryId = await lastClockEntryId(manager, dossierId, facts.stepTaskId);
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
  const configured = await loadThresholdConfig(manager, input.subjectType, facts.subject.procedureId ?? null);
  const recipients = new Map(configured.map((threshold) => [threshold.id, threshold.recipients]));
  const instants = thresholdInstants(state, configured, calendar);
  const version = await nextDeadlineVersion(manager, facts.subject);
  const result = await armTimers(manager, {
    subject: facts.subject,
    deadlineVersion: version,
    deadlineAt: state.deadline ?? state.deadlineBeforePause,
    clockStatus: state.status,
    budgetMinutes: facts.budgetMinutes,
    thresholds: instants.map((instant) => ({
      id: instant.id,
      kind: instant.kind,
      dueAt: instant.at,
      recipients: recipients.get(instant.id) ?? [],
    })),
  });
  await clocks.recordArmedFrom(facts.subject, lastEntryId, await calendarStamp(manager));
  return {
    deadlineVersion: version,
    deadlineAt: state.deadline,
    clockStatus: state.status,
    armedTimers: result.armedTimerIds.length,
    cancelledTimers: result.cancelledTimers,
  };
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
  const currentStamp = stamp ?? (await calendarStamp(manager));
  if (armed.armedEntryId === armed.lastEntryId && armed.armedCalendarStamp === currentStamp) return false;
  await rearmDeadlineTimers(manager, { subjectType: subject.subjectType, subjectId: subject.subjectId, now });
  return true;
}
