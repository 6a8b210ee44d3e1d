import type { DeadlineThreshold, SupplementClockMode } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { updatedRows } from '../database/updated-rows';

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

export type DeadlineSubjectKey = Pick<DeadlineSubject, 'subjectType' | 'subjectId'>;

/** What `recordArmedDeadline` stores for a subject's clock under one version. */
export interface ArmedDeadline {
  subject: DeadlineSubject;
  deadlineVersion: number;
  deadlineAt: Date | null;
  clockStatus: DeadlineClockStatus;
  budgetMinutes?: number | null;
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

/** What a clock was armed from (ledger entry, calendar stamp) next to the ledger's latest entry now. */
export interface ArmedFrom {
  armedEntryId: string | null;
  armedCalendarStamp: string | null;
  lastEntryId: string | null;
  /** The calendar's revision now (its stamp is cached per process under it). */
  calendarRevision: string;
}

/** A graded threshold with who is told when it is reached (`deadline_threshold_config` rows hold a list of them). */
export type ConfiguredThreshold = DeadlineThreshold & { recipients: string[] };

/** What a subject's clock is computed from: its budget and, for a dossier, its rule set and supplement choice. */
export interface DeadlineSubjectFacts {
  subject: DeadlineSubject;
  budgetMinutes: number;
  /** The dossier's rule set and pinned supplement clock choice; null for a step. */
  dossier: { ruleSetId: string; supplementClock: SupplementClockMode | null } | null;
  /** The step task whose own ledger it is; null for a dossier's clock. */
  stepTaskId: string | null;
}

/**
 * `deadline_clock`: one row per armed subject (its deadline version, deadline, clock status, lateness). I/O only:
 * which version to arm and when a clock counts as late are decided in libs/application. Writes belong in the
 * caller's transaction, after the dossier row lock (lock order: dossier → deadline clock → timers).
 */
export class DeadlineClockRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The armed version of a subject's clock (0 = never armed), row-locked for the caller's transaction. */
  async lockArmedVersion(subject: DeadlineSubjectKey): Promise<number> {
    const rows: Array<{ deadline_version: number }> = await this.manager.query(
      `SELECT deadline_version FROM deadline_clock WHERE subject_type = $1 AND subject_id = $2 FOR UPDATE`,
      [subject.subjectType, subject.subjectId],
    );
    return rows[0] ? Number(rows[0].deadline_version) : 0;
  }

  /** The armed version without a lock (null = never armed). */
  async armedVersion(subject: DeadlineSubjectKey): Promise<number | null> {
    const rows: Array<{ deadline_version: number }> = await this.manager.query(
      `SELECT deadline_version FROM deadline_clock WHERE subject_type = $1 AND subject_id = $2`,
      [subject.subjectType, subject.subjectId],
    );
    return rows[0] ? Number(rows[0].deadline_version) : null;
  }

  /**
   * Stores the armed deadline under `deadlineVersion` if it is newer than the stored one. Returns false (nothing
   * written) when the same or a newer version is already armed.
   */
  async recordArmedDeadline(armed: ArmedDeadline): Promise<boolean> {
    const { subject } = armed;
    const upserted: unknown[] = await this.manager.query(
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
        armed.deadlineVersion,
        armed.deadlineAt,
        armed.clockStatus,
        armed.budgetMinutes ?? null,
      ],
    );
    return upserted.length > 0;
  }

  /** What the subject's clock was armed from, and the latest entry of its ledger now (all null if never armed). */
  async armedFrom(subject: DeadlineSubjectKey, dossierId: string): Promise<ArmedFrom> {
    const rows: Array<{
      armed_entry: string | null;
      armed_stamp: string | null;
      last_entry: string | null;
      calendar_revision: string;
    }> = await this.manager.query(
      `SELECT c.ledger_entry_id AS armed_entry, c.calendar_stamp AS armed_stamp,
            (SELECT max(id) FROM clock_entry WHERE dossier_id = $3 AND step_task_id IS NOT DISTINCT FROM $4::uuid) AS last_entry,
            (SELECT revision::text FROM calendar_revision) AS calendar_revision
       FROM (SELECT 1) AS one LEFT JOIN deadline_clock c ON c.subject_type = $1 AND c.subject_id = $2`,
      [subject.subjectType, subject.subjectId, dossierId, subject.subjectType === 'step' ? subject.subjectId : null],
    );
    const row = rows[0];
    return {
      armedEntryId: row?.armed_entry != null ? String(row.armed_entry) : null,
      armedCalendarStamp: row?.armed_stamp ?? null,
      lastEntryId: row?.last_entry != null ? String(row.last_entry) : null,
      calendarRevision: rows[0].calendar_revision,
    };
  }

  /** Records lateness on an armed clock; the first call wins (returns false when lateness was already recorded). */
  async markOverdue(subject: DeadlineSubjectKey, overdueAt: Date, lateAgencyId: string | null): Promise<boolean> {
    const rows = updatedRows(
      await this.manager.query(
        `UPDATE deadline_clock SET overdue_at = $3, late_agency_id = $4, updated_at = now()
         WHERE subject_type = $1 AND subject_id = $2 AND overdue_at IS NULL RETURNING subject_id`,
        [subject.subjectType, subject.subjectId, overdueAt, lateAgencyId],
      ),
    );
    return rows.length > 0;
  }

  /** The armed clocks of a dossier: its own and its steps'. */
  async listOfDossier(dossierId: string): Promise<ArmedDeadlineClock[]> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
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
}
