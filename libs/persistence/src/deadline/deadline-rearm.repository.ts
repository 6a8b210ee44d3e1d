import type { ClockEntry, SupplementClockMode } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { AppendClockEntryInput, toClockEntry } from '../dossier/clock-entry.repository';
import {
  ArmedDeadline,
  ConfiguredThreshold,
  DeadlineSubjectFacts,
  DeadlineSubjectKey,
} from './deadline-clock.repository';
import { ArmedThreshold } from './deadline-timer.repository';

/** Everything a re-arm computes from, read in one statement (see `readRearmFacts`). */
export interface RearmFacts extends DeadlineSubjectFacts {
  /** The clock's ledger in ledger order, and its latest entry id (null: empty ledger). */
  entries: ClockEntry[];
  lastEntryId: string | null;
  /** The thresholds configured for the subject (the procedure's own, else the global row); null when neither. */
  thresholds: readonly ConfiguredThreshold[] | null;
  /** The armed version, row-locked for the caller's transaction (0 = never armed). */
  armedVersion: number;
  /** The calendar's revision (the per-process calendar cache is valid under it). */
  calendarRevision: string;
}

/** What `writeRearm` writes: the ledger entry (if any), the armed clock and its timers with their outbox rows. */
export interface RearmWrite extends ArmedDeadline {
  /** The ledger entry to append first (it becomes the entry the clock is armed from). */
  entry?: AppendClockEntryInput;
  /** Without `entry`: the ledger entry the clock is computed from. */
  ledgerEntryId: string | null;
  calendarStamp: string;
  thresholds: readonly ArmedThreshold[];
  /** The outbox message of each new timer: queue, job name and dedupe-key prefix (+ timer id). */
  timerJob: { queue: string; jobName: string; dedupePrefix: string };
}

export interface RearmWritten {
  entryId: string | null;
  /** False when the same or a newer version was armed already (no clock or timer written). */
  applied: boolean;
  armedTimerIds: string[];
  cancelledTimers: number;
}

const SUBJECT_SQL = {
  dossier: `SELECT d.id AS dossier_id, coalesce(p.handling_agency_id, d.receiving_agency_id) AS agency_id, d.procedure_id,
              d.legal_time_minutes AS budget_minutes, d.rule_set_id, d.supplement_clock, NULL::uuid AS step_task_id
            FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = $2`,
  step: `SELECT dossier_id, agency_id, procedure_id, budget_minutes, NULL::text AS rule_set_id,
           NULL::text AS supplement_clock, id AS step_task_id
         FROM step_task WHERE id = $2`,
} as const;

/**
 * The subject (dossier or step task) with its budget, its clock's ledger, its threshold configuration, the armed
 * version (row-locked: lock order dossier → deadline clock → timers) and the calendar revision: one statement.
 * Null when there is no such subject.
 */
export async function readRearmFacts(manager: EntityManager, key: DeadlineSubjectKey): Promise<RearmFacts | null> {
  const rows: Array<{
    dossier_id: string;
    agency_id: string;
    procedure_id: string;
    budget_minutes: number;
    rule_set_id: string | null;
    supplement_clock: SupplementClockMode | null;
    step_task_id: string | null;
    entries: Array<Record<string, string | null>> | null;
    thresholds: ConfiguredThreshold[] | null;
    armed_version: string | null;
    calendar_revision: string;
  }> = await manager.query(
    `WITH s AS (${SUBJECT_SQL[key.subjectType]})
     SELECT s.*,
       (SELECT json_agg(json_build_object('id', e.id::text, 'type', e.type, 'at', e.at, 'reason', e.reason,
                  'party', e.party, 'legal_basis', e.legal_basis, 'new_deadline', e.new_deadline) ORDER BY e.id)
          FROM clock_entry e WHERE e.dossier_id = s.dossier_id AND e.step_task_id IS NOT DISTINCT FROM s.step_task_id) AS entries,
       (SELECT c.thresholds FROM deadline_threshold_config c
          WHERE c.subject_type = $1 AND (c.procedure_id = s.procedure_id OR c.procedure_id IS NULL)
          ORDER BY c.procedure_id NULLS LAST LIMIT 1) AS thresholds,
       (SELECT k.deadline_version::text FROM deadline_clock k WHERE k.subject_type = $1 AND k.subject_id = $2
          FOR UPDATE) AS armed_version,
       (SELECT revision::text FROM calendar_revision) AS calendar_revision
     FROM s`,
    [key.subjectType, key.subjectId],
  );
  const row = rows[0];
  if (!row) return null;
  const entries = row.entries ?? [];
  return {
    subject: { ...key, dossierId: row.dossier_id, agencyId: row.agency_id, procedureId: row.procedure_id },
    budgetMinutes: Number(row.budget_minutes),
    dossier:
      key.subjectType === 'dossier'
        ? { ruleSetId: row.rule_set_id as string, supplementClock: row.supplement_clock }
        : null,
    stepTaskId: row.step_task_id,
    entries: entries.map((entry) =>
      toClockEntry({
        type: entry.type as ClockEntry['type'],
        at: entry.at as string,
        reason: entry.reason,
        party: entry.party as 'applicant' | 'agency' | 'other' | null,
        legal_basis: entry.legal_basis,
        new_deadline: entry.new_deadline,
      }),
    ),
    lastEntryId: entries.at(-1)?.id ?? null,
    thresholds: row.thresholds,
    armedVersion: row.armed_version === null ? 0 : Number(row.armed_version),
    calendarRevision: row.calendar_revision,
  };
}

/**
 * One statement, in the caller's transaction (after `readRearmFacts` locked the clock row): appends the ledger
 * entry, upserts the armed clock under `deadlineVersion` with the entry and calendar stamp it was computed from
 * (only if newer than the armed version: else nothing but the entry is written), cancels the subject's pending
 * timers of older versions (SKIP LOCKED: a timer being fired is left to the firing path) and settles their outbox
 * rows, arms one timer per threshold (none for a threshold that already fired for this subject) and writes one
 * outbox row per new timer (deliverAt = its due instant).
 */
export async function writeRearm(manager: EntityManager, write: RearmWrite): Promise<RearmWritten> {
  const { subject, entry, timerJob } = write;
  const entrySql = entry
    ? `INSERT INTO clock_entry (dossier_id, step_task_id, type, at, reason, party, legal_basis, new_deadline, actor_user_id)
       VALUES ($19, $20, $21, $22, $23, $24, $25, $26, $27) RETURNING id`
    : `SELECT NULL::bigint AS id WHERE false`;
  const entryParameters = entry
    ? [
        entry.dossierId,
        entry.stepTaskId ?? null,
        entry.type,
        entry.at,
        entry.reason ?? null,
        entry.party ?? null,
        entry.legalBasis ?? null,
        entry.newDeadline ?? null,
        entry.actorUserId ?? null,
      ]
    : [];
  const rows: Array<{ entry_id: string | null; applied: boolean; cancelled: number; armed: string[] | null }> =
    await manager.query(
      `WITH entry AS (${entrySql}),
       upserted AS (
         INSERT INTO deadline_clock (subject_type, subject_id, dossier_id, agency_id, procedure_id, deadline_version,
                                     deadline_at, clock_status, budget_minutes, ledger_entry_id, calendar_stamp, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce((SELECT id FROM entry), $10::bigint), $11, now())
         ON CONFLICT (subject_type, subject_id) DO UPDATE SET
           dossier_id = EXCLUDED.dossier_id, agency_id = EXCLUDED.agency_id, procedure_id = EXCLUDED.procedure_id,
           deadline_version = EXCLUDED.deadline_version, deadline_at = EXCLUDED.deadline_at,
           clock_status = EXCLUDED.clock_status, budget_minutes = EXCLUDED.budget_minutes,
           ledger_entry_id = EXCLUDED.ledger_entry_id, calendar_stamp = EXCLUDED.calendar_stamp, updated_at = now()
         WHERE deadline_clock.deadline_version < EXCLUDED.deadline_version
         RETURNING subject_id),
       cancelled AS (
         UPDATE deadline_timer SET status = 'cancelled'
         WHERE EXISTS (SELECT 1 FROM upserted) AND id IN (
           SELECT id FROM deadline_timer
           WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' AND deadline_version < $6
           FOR UPDATE SKIP LOCKED)
         RETURNING id),
       settled AS (
         UPDATE outbox_message SET consumed_at = now()
         WHERE dedupe_key IN (SELECT $18::text || id::text FROM cancelled) AND consumed_at IS NULL
         RETURNING id),
       armed AS (
         INSERT INTO deadline_timer (subject_type, subject_id, dossier_id, agency_id, threshold_id, threshold_kind,
                                     recipients, deadline_version, deadline_at, due_at)
         SELECT $1, $2, $3, $4, t.threshold_id, t.kind, string_to_array(t.recipients, ','), $6, $7, t.due_at
         FROM unnest($12::text[], $13::text[], $14::text[], $15::timestamptz[]) WITH ORDINALITY
              AS t (threshold_id, kind, recipients, due_at, n)
         WHERE EXISTS (SELECT 1 FROM upserted) AND NOT EXISTS (
           SELECT 1 FROM deadline_timer f
           WHERE f.subject_type = $1 AND f.subject_id = $2 AND f.threshold_id = t.threshold_id AND f.status = 'fired')
         ORDER BY t.n
         ON CONFLICT (subject_type, subject_id, threshold_id, deadline_version) DO NOTHING
         RETURNING id, due_at),
       published AS (
         INSERT INTO outbox_message (queue, job_name, payload, dedupe_key, deliver_at)
         SELECT $16::text, $17::text, jsonb_build_object('timerId', id::text), $18::text || id::text, due_at FROM armed ORDER BY id
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id)
       SELECT (SELECT id::text FROM entry) AS entry_id, EXISTS (SELECT 1 FROM upserted) AS applied,
              (SELECT count(*)::int FROM cancelled) AS cancelled,
              (SELECT json_agg(id::text ORDER BY id) FROM armed) AS armed`,
      [
        subject.subjectType,
        subject.subjectId,
        subject.dossierId,
        subject.agencyId,
        subject.procedureId ?? null,
        write.deadlineVersion,
        write.deadlineAt,
        write.clockStatus,
        write.budgetMinutes ?? null,
        write.ledgerEntryId,
        write.calendarStamp,
        write.thresholds.map((threshold) => threshold.id),
        write.thresholds.map((threshold) => threshold.kind),
        write.thresholds.map((threshold) => threshold.recipients.join(',')),
        write.thresholds.map((threshold) => threshold.dueAt),
        timerJob.queue,
        timerJob.jobName,
        timerJob.dedupePrefix,
        ...entryParameters,
      ],
    );
  const row = rows[0];
  return {
    entryId: row.entry_id,
    applied: row.applied,
    armedTimerIds: row.armed ?? [],
    cancelledTimers: Number(row.cancelled),
  };
}
