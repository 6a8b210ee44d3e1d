import {
  computeClockState,
  DEFAULT_DEADLINE_THRESHOLDS,
  DeadlineThreshold,
  effectiveSupplementClock,
  SupplementClockMode,
  thresholdInstants,
  WorkingCalendar,
} from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { CalendarRepository, loadClockEntries } from '@motcua/persistence';
import { armTimers, DeadlineSubject, DeadlineSubjectType, nextDeadlineVersion } from './deadline-timers';

/** A graded threshold with who is told when it is reached. */
export type ConfiguredThreshold = DeadlineThreshold & { recipients: string[] };

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
  const rows: Array<{ thresholds: ConfiguredThreshold[] }> = await manager.query(
    `SELECT thresholds FROM deadline_threshold_config
     WHERE subject_type = $1 AND (procedure_id = $2 OR procedure_id IS NULL)
     ORDER BY procedure_id NULLS LAST LIMIT 1`,
    [subjectType, procedureId],
  );
  return rows[0]?.thresholds ?? DEFAULT_CONFIGURED_THRESHOLDS;
}

/** A fingerprint of the calendar table: a holiday added, removed or changed gives another stamp. */
export async function calendarStamp(manager: EntityManager): Promise<string> {
  const rows: Array<{ stamp: string | null }> = await manager.query(
    `SELECT md5(coalesce(string_agg(date::text || kind || coalesce(windows::text, ''), ',' ORDER BY date), '')) AS stamp FROM calendar_day`,
  );
  return rows[0]?.stamp ?? '';
}

interface SubjectFacts {
  subject: DeadlineSubject;
  budgetMinutes: number;
  supplementClock: SupplementClockMode;
  stepTaskId: string | null;
}

async function loadSubject(
  manager: EntityManager,
  subjectType: DeadlineSubjectType,
  subjectId: string,
): Promise<SubjectFacts | null> {
  if (subjectType === 'dossier') {
    const rows: Array<{
      id: string;
      procedure_id: string;
      agency_id: string;
      legal_time_minutes: number;
      rule_set_id: string;
      supplement_clock: SupplementClockMode | null;
    }> = await manager.query(
      `SELECT d.id, d.procedure_id, coalesce(p.handling_agency_id, d.receiving_agency_id) AS agency_id, d.legal_time_minutes, d.rule_set_id, d.supplement_clock
         FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = $1`,
      [subjectId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      subject: { subjectType, subjectId, dossierId: row.id, agencyId: row.agency_id, procedureId: row.procedure_id },
      budgetMinutes: Number(row.legal_time_minutes),
      supplementClock: effectiveSupplementClock(row.rule_set_id, row.supplement_clock),
      stepTaskId: null,
    };
  }
  const rows: Array<{
    id: string;
    dossier_id: string;
    agency_id: string;
    procedure_id: string;
    budget_minutes: number;
  }> = await manager.query(
    `SELECT id, dossier_id, agency_id, procedure_id, budget_minutes FROM step_task WHERE id = $1`,
    [subjectId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    subject: {
      subjectType,
      subjectId,
      dossierId: row.dossier_id,
      agencyId: row.agency_id,
      procedureId: row.procedure_id,
    },
    budgetMinutes: Number(row.budget_minutes),
    // A step's own budget: waiting for the applicant shifts it (the step is not restarted).
    supplementClock: 'pause',
    stepTaskId: row.id,
  };
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
  const facts = await loadSubject(manager, input.subjectType, input.subjectId);
  if (!facts) return null;
  const calendar = input.calendar ?? (await new CalendarRepository(manager).loadCalendar());
  const entries = await loadClockEntries(manager, facts.subject.dossierId as string, facts.stepTaskId);
  const lastEntry: Array<{ id: string | null }> = await manager.query(
    `SELECT max(id) AS id FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NOT DISTINCT FROM $2::uuid`,
    [facts.subject.dossierId, facts.stepTaskId],
  );
  // Entries recorded with a future instant (an appointment set ahead) are included: the ledger is the truth.
  const horizon = entries.reduce((latest, entry) => Math.max(latest, entry.at.getTime()), input.now.getTime());
  const state = computeClockState(entries, {
    budgetMinutes: facts.budgetMinutes,
    calendar,
    supplementClock: facts.supplementClock,
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
  await manager.query(
    `UPDATE deadline_clock SET ledger_entry_id = $3, calendar_stamp = $4 WHERE subject_type = $1 AND subject_id = $2`,
    [input.subjectType, input.subjectId, lastEntry[0]?.id ?? null, await calendarStamp(manager)],
  );
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
  const rows: Array<{ armed_entry: string | null; armed_stamp: string | null; last_entry: string | null }> =
    await manager.query(
      `SELECT c.ledger_entry_id AS armed_entry, c.calendar_stamp AS armed_stamp,
            (SELECT max(id) FROM clock_entry WHERE dossier_id = $3 AND step_task_id IS NOT DISTINCT FROM $4::uuid) AS last_entry
     FROM (SELECT 1) AS one LEFT JOIN deadline_clock c ON c.subject_type = $1 AND c.subject_id = $2`,
      [
        subject.subjectType,
        subject.subjectId,
        subject.dossierId,
        subject.subjectType === 'step' ? subject.subjectId : null,
      ],
    );
  const row = rows[0];
  if (!row.last_entry) return false;
  const currentStamp = stamp ?? (await calendarStamp(manager));
  if (
    row.armed_entry !== null &&
    String(row.armed_entry) === String(row.last_entry) &&
    row.armed_stamp === currentStamp
  )
    return false;
  await rearmDeadlineTimers(manager, { subjectType: subject.subjectType, subjectId: subject.subjectId, now });
  return true;
}
