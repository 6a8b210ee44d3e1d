import { canonicalJson, DomainError } from '@motcua/domain';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  chainHeadHint,
  DossierChainHead,
  lockDossierRowReadingHead,
  readChainHead,
  rememberChainHead,
} from './dossier-event-head';

/** `previous_hash` of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who caused an event; null for the system (timers, workers acting on their own). */
export interface DossierEventActor {
  userId: string | null;
  agencyId: string | null;
}

export interface AppendDossierEventInput {
  dossierId: string;
  /** e.g. 'intake-accepted', 'supplement-requested', 'withdrawn', 'appointment-recomputed'. */
  type: string;
  payload: Record<string, unknown>;
  actor: DossierEventActor | null;
  occurredAt: Date;
}

export interface AppendDossierEventOptions {
  /** The caller holds the dossier's row lock in this transaction already (took it first, at the top level). */
  dossierLocked?: boolean;
}

export interface AppendedDossierEvent {
  id: string;
  sequence: number;
  hash: string;
}

export interface DossierEventChainVerification {
  valid: boolean;
  eventCount: number;
  /** First sequence whose row does not match the chain. */
  brokenAtSequence?: number;
  reason?: string;
}

/** sha256 hex over `previousHash` + canonical JSON of the event's fields. */
export function dossierEventHash(
  previousHash: string,
  event: {
    dossierId: string;
    sequence: number;
    type: string;
    payload: unknown;
    actorUserId: string | null;
    actorAgencyId: string | null;
    occurredAt: Date;
  },
): string {
  const body = canonicalJson({
    dossierId: event.dossierId,
    sequence: event.sequence,
    type: event.type,
    payload: event.payload,
    actorUserId: event.actorUserId,
    actorAgencyId: event.actorAgencyId,
    occurredAt: event.occurredAt.toISOString(),
  });
  return createHash('sha256').update(previousHash).update(body).digest('hex');
}

/**
 * Inserts one event at the end of a dossier's hash chain, in the caller's transaction (pass the transaction's
 * EntityManager). Concurrent appends to the same dossier serialise on the dossier row lock (`lockDossierRow`).
 * Callers use `appendDossierEvent` (`@motcua/platform`), which also wakes the router for routed event types.
 * `dossierLocked`: the caller already took this dossier's row lock in this transaction (not in a savepoint that
 * may roll back), so the append skips that round trip; the lock order is unchanged (the dossier is still first).
 *
 * Round trips (issue 16): the head of the chain (previous sequence, hash, tx_order) comes from a hint when the
 * transaction has one (`dossier-event-head.ts`: the lock statement, a previous append, the router's event read),
 * else from the lock statement itself, else from one read; the INSERT checks the hint against the stored head in
 * the same statement and inserts nothing when it is stale, and the append then re-reads the head and inserts again.
 * So the chain stays exactly as before: sequence = head + 1, previous_hash = the head's hash.
 */
export async function insertDossierEvent(
  manager: EntityManager,
  input: AppendDossierEventInput,
  options: AppendDossierEventOptions = {},
): Promise<AppendedDossierEvent> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("insertDossierEvent must be called inside a transaction, with that transaction's EntityManager");
  }
  if (!options.dossierLocked && !(await lockDossierRowReadingHead(manager, input.dossierId))) {
    throw new DomainError('dossier.not-found', `Dossier ${input.dossierId} not found`, 'not-found', {
      dossierId: input.dossierId,
    });
  }
  const hint = chainHeadHint(manager, input.dossierId);
  const head = hint === undefined ? await readChainHead(manager, input.dossierId) : hint;
  const appended = await insertAfter(manager, input, head);
  if (appended) return appended;
  // The hint was stale: read the head under the lock and append after it.
  const stored = await readChainHead(manager, input.dossierId);
  const retried = await insertAfter(manager, input, stored);
  if (!retried) throw new Error(`dossier ${input.dossierId}: the event chain moved under the dossier lock`);
  return retried;
}

/** Inserts the event after `head` if `head` is still the stored head of the chain; null (nothing inserted) if not. */
async function insertAfter(
  manager: EntityManager,
  input: AppendDossierEventInput,
  head: DossierChainHead | null,
): Promise<AppendedDossierEvent | null> {
  const sequence = head === null ? 1 : head.sequence + 1;
  const previousHash = head === null ? GENESIS_HASH : head.hash;
  // What jsonb will give back: plain JSON (Dates as ISO strings, undefined dropped).
  const payload = JSON.parse(JSON.stringify(input.payload ?? {})) as Record<string, unknown>;
  const actorUserId = input.actor?.userId ?? null;
  const actorAgencyId = input.actor?.agencyId ?? null;
  const occurredAt = new Date(input.occurredAt.getTime());
  const hash = dossierEventHash(previousHash, {
    dossierId: input.dossierId,
    sequence,
    type: input.type,
    payload,
    actorUserId,
    actorAgencyId,
    occurredAt,
  });
  // tx_order: this transaction's id, never below the previous event's (subscribers read in tx_order order; see the
  // event-subscribers migration). A transaction that got its id before the previous writer did is raised to it.
  // The WHERE clause is the hint check: the stored head must be the one this event chains to.
  const inserted: Array<{ id: string; tx_order: string }> = await manager.query(
    `INSERT INTO dossier_event (dossier_id, sequence, type, payload, actor_user_id, actor_agency_id, occurred_at, previous_hash, hash, tx_order)
     SELECT $1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, GREATEST(pg_current_xact_id(), coalesce(head.tx_order, '0'::xid8))
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT sequence, hash, tx_order FROM dossier_event WHERE dossier_id = $1
                          ORDER BY sequence DESC LIMIT 1) head ON true
      WHERE head.sequence IS NOT DISTINCT FROM $10::int AND head.hash IS NOT DISTINCT FROM $11::text
     RETURNING id, tx_order::text AS tx_order`,
    [
      input.dossierId,
      sequence,
      input.type,
      JSON.stringify(payload),
      actorUserId,
      actorAgencyId,
      occurredAt,
      previousHash,
      hash,
      head?.sequence ?? null,
      head?.hash ?? null,
    ],
  );
  if (inserted.length === 0) return null;
  rememberChainHead(manager, input.dossierId, { sequence, hash, txOrder: inserted[0].tx_order });
  return { id: String(inserted[0].id), sequence, hash };
}

interface StoredEventRow {
  id: string;
  dossier_id: string;
  sequence: number;
  type: string;
  payload: unknown;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  occurred_at: Date;
  previous_hash: string;
  hash: string;
}

/**
 * Recomputes a dossier's chain from the stored rows: sequences 1..n without gaps, each `previous_hash` equal to
 * the previous row's `hash`, each `hash` equal to the recomputed one. Reports the first row that breaks it.
 */
export async function verifyDossierEventChain(
  manager: EntityManager,
  dossierId: string,
): Promise<DossierEventChainVerification> {
  const rows: StoredEventRow[] = await manager.query(
    `SELECT id, dossier_id, sequence, type, payload, actor_user_id, actor_agency_id, occurred_at, previous_hash, hash
     FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence ASC, id ASC`,
    [dossierId],
  );
  let previousHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSequence = index + 1;
    const broken = (reason: string): DossierEventChainVerification => ({
      valid: false,
      eventCount: rows.length,
      brokenAtSequence: Number(row.sequence),
      reason,
    });
    if (Number(row.sequence) !== expectedSequence) {
      return broken(
        `expected sequence ${expectedSequence}, found ${row.sequence} (an event is missing or was inserted)`,
      );
    }
    if (row.previous_hash !== previousHash) {
      return broken(`previous_hash does not match the hash of event ${expectedSequence - 1}`);
    }
    const recomputed = dossierEventHash(previousHash, {
      dossierId: row.dossier_id,
      sequence: Number(row.sequence),
      type: row.type,
      payload: row.payload,
      actorUserId: row.actor_user_id,
      actorAgencyId: row.actor_agency_id,
      occurredAt: new Date(row.occurred_at),
    });
    if (recomputed !== row.hash) {
      return broken(`hash mismatch: the stored content of event ${expectedSequence} was changed after it was written`);
    }
    previousHash = row.hash;
  }
  return { valid: true, eventCount: rows.length };
}

/** A dossier's events in order (audit trail, control slip). */
export async function listDossierEvents(
  manager: EntityManager,
  dossierId: string,
): Promise<
  Array<{
    id: string;
    sequence: number;
    type: string;
    payload: Record<string, unknown>;
    actorUserId: string | null;
    actorAgencyId: string | null;
    occurredAt: Date;
    hash: string;
  }>
> {
  const rows: StoredEventRow[] = await manager.query(
    `SELECT id, dossier_id, sequence, type, payload, actor_user_id, actor_agency_id, occurred_at, previous_hash, hash
     FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence ASC`,
    [dossierId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    sequence: Number(row.sequence),
    type: row.type,
    payload: row.payload as Record<string, unknown>,
    actorUserId: row.actor_user_id,
    actorAgencyId: row.actor_agency_id,
    occurredAt: new Date(row.occurred_at),
    hash: row.hash,
  }));
}
