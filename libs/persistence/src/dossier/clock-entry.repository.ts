import { ClockEntry, DomainError } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { ClockEntryType } from './clock-entry.entity';

export interface AppendClockEntryInput {
  dossierId: string;
  /** null/undefined = the dossier's overall clock; a step task id = that step's own clock. */
  stepTaskId?: string | null;
  type: ClockEntryType;
  at: Date;
  reason?: string | null;
  party?: 'applicant' | 'agency' | 'other' | null;
  legalBasis?: string | null;
  newDeadline?: Date | null;
  actorUserId?: string | null;
}

/** A pause needs a reason and a party, an extension a new deadline and a reason (a 4xx, before anything is written). */
export function assertValidClockEntry(input: AppendClockEntryInput): void {
  if (input.type === 'pause' && (!input.reason || !input.party)) {
    throw new DomainError('clock-entry.invalid', 'A pause needs a reason and a party', 'invalid');
  }
  if (input.type === 'extend' && (!input.newDeadline || !input.reason)) {
    throw new DomainError('clock-entry.invalid', 'An extension needs a new deadline and a reason', 'invalid');
  }
}

/** Appends one fact to the deadline ledger, in the caller's transaction. Returns the row id. */
export async function appendClockEntry(manager: EntityManager, input: AppendClockEntryInput): Promise<{ id: string }> {
  assertValidClockEntry(input);
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO clock_entry (dossier_id, step_task_id, type, at, reason, party, legal_basis, new_deadline, actor_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.dossierId,
      input.stepTaskId ?? null,
      input.type,
      input.at,
      input.reason ?? null,
      input.party ?? null,
      input.legalBasis ?? null,
      input.newDeadline ?? null,
      input.actorUserId ?? null,
    ],
  );
  return { id: String(rows[0].id) };
}

/** A ledger row as read (timestamps as Date, or ISO text from json). */
export interface ClockEntryRow {
  type: ClockEntryType;
  at: Date | string;
  reason: string | null;
  party: 'applicant' | 'agency' | 'other' | null;
  legal_basis: string | null;
  new_deadline: Date | string | null;
}

/**
 * The ledger of one clock as domain `ClockEntry`s, in ledger order, ready for `computeClockState`.
 * `stepTaskId` null (default) = the dossier's overall clock.
 */
export async function loadClockEntries(
  manager: EntityManager,
  dossierId: string,
  stepTaskId: string | null = null,
): Promise<ClockEntry[]> {
  const rows: ClockEntryRow[] = await manager.query(
    `SELECT type, at, reason, party, legal_basis, new_deadline FROM clock_entry
     WHERE dossier_id = $1 AND step_task_id IS NOT DISTINCT FROM $2::uuid ORDER BY id ASC`,
    [dossierId, stepTaskId],
  );
  return rows.map(toClockEntry);
}

/** One ledger row as a domain `ClockEntry`. */
export function toClockEntry(row: ClockEntryRow): ClockEntry {
  const at = new Date(row.at);
  switch (row.type) {
    case 'start':
      return { type: 'start', at };
    case 'pause':
      return { type: 'pause', at, reason: row.reason ?? '', party: row.party ?? 'other' };
    case 'resume':
      return { type: 'resume', at };
    case 'extend':
      return {
        type: 'extend',
        at,
        newDeadline: new Date(row.new_deadline as Date),
        reason: row.reason ?? '',
        legalBasis: row.legal_basis ?? '',
      };
    case 'stop':
      return { type: 'stop', at };
  }
}
