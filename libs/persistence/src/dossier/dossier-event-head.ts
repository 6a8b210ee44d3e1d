import { EntityManager, QueryRunner } from 'typeorm';
import { entityColumns, entityOfRow } from '../database/entity-of-row';
import { dossierRowLockClause } from './dossier-lock';
import { DossierEntity } from './dossier.entity';

/** The last event of a dossier's chain (what the next append needs), or null for a dossier without events. */
export interface DossierChainHead {
  sequence: number;
  hash: string;
  /** xid8 as text. */
  txOrder: string;
}

/**
 * Chain heads a transaction has seen, per dossier: a HINT that lets `insertDossierEvent` skip reading the head
 * before its INSERT (issue 16). Never trusted: the INSERT itself checks, in the same statement, that the stored
 * head is still this one, and re-reads it when not (a rolled-back savepoint, an append this cache did not see, a
 * snapshot taken before a lock wait). Keyed by the transaction's query runner, so it goes with it.
 */
const heads = new WeakMap<QueryRunner, Map<string, DossierChainHead | null>>();

export function rememberChainHead(manager: EntityManager, dossierId: string, head: DossierChainHead | null): void {
  const runner = manager.queryRunner;
  if (!runner) return;
  let byDossier = heads.get(runner);
  if (!byDossier) heads.set(runner, (byDossier = new Map()));
  byDossier.set(dossierId, head);
}

/** The remembered head hint (`undefined`: none remembered; `null`: the dossier had no events). */
export function chainHeadHint(manager: EntityManager, dossierId: string): DossierChainHead | null | undefined {
  const runner = manager.queryRunner;
  return runner ? heads.get(runner)?.get(dossierId) : undefined;
}

interface HeadRow {
  id?: string;
  sequence: number | null;
  hash: string | null;
  tx_order: string | null;
}

function headOf(row: HeadRow | undefined): DossierChainHead | null {
  return row && row.sequence !== null && row.hash !== null && row.tx_order !== null
    ? { sequence: Number(row.sequence), hash: row.hash, txOrder: row.tx_order }
    : null;
}

/** Reads the head of a dossier's chain (the caller holds the dossier row lock) and remembers it. */
export async function readChainHead(manager: EntityManager, dossierId: string): Promise<DossierChainHead | null> {
  const rows: HeadRow[] = await manager.query(
    `SELECT sequence, hash, tx_order::text AS tx_order FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence DESC LIMIT 1`,
    [dossierId],
  );
  const head = headOf(rows[0]);
  rememberChainHead(manager, dossierId, head);
  return head;
}

/**
 * `lockDossierRow` and the chain head in one round trip: takes the dossier row lock and remembers the head it
 * read as a hint for the next append (the head read may predate a lock wait; the append's INSERT verifies it).
 * False when the dossier does not exist.
 */
export async function lockDossierRowReadingHead(manager: EntityManager, dossierId: string): Promise<boolean> {
  const rows: HeadRow[] = await manager.query(
    `SELECT d.id, head.sequence, head.hash, head.tx_order::text AS tx_order
       FROM dossier d
       LEFT JOIN LATERAL (SELECT sequence, hash, tx_order FROM dossier_event WHERE dossier_id = d.id
                          ORDER BY sequence DESC LIMIT 1) head ON true
      WHERE d.id = $1 ${dossierRowLockClause('d')}`,
    [dossierId],
  );
  if (rows.length === 0) return false;
  rememberChainHead(manager, dossierId, headOf(rows[0]));
  return true;
}

const HEAD_JOIN = `LEFT JOIN LATERAL (SELECT sequence, hash, tx_order FROM dossier_event WHERE dossier_id = d.id
                   ORDER BY sequence DESC LIMIT 1) head ON true`;

/** Reads a locking SELECT's dossier (columns prefixed `d_`) and remembers the head it carries. */
async function lockedDossier(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<DossierEntity | null> {
  const rows: Array<Record<string, unknown>> = await manager.query(sql, parameters);
  if (rows.length === 0) return null;
  const dossier = entityOfRow(manager, DossierEntity, rows[0], 'd_');
  rememberChainHead(manager, dossier.id, headOf(rows[0] as unknown as HeadRow));
  return dossier;
}

/**
 * Takes a dossier's row lock and reads it, with its chain head as the append hint, in one round trip (the
 * router: lock, then the dossier as it is under the lock — a lock that waited returns the row its holder
 * committed). Null when the dossier does not exist.
 */
export function lockAndReadDossier(manager: EntityManager, dossierId: string): Promise<DossierEntity | null> {
  return lockedDossier(
    manager,
    `SELECT ${entityColumns(manager, DossierEntity, 'd', 'd_')}, head.sequence, head.hash, head.tx_order::text AS tx_order
       FROM dossier d ${HEAD_JOIN}
      WHERE d.id = $1 ${dossierRowLockClause('d')}`,
    [dossierId],
  );
}

/**
 * The same for the dossier of a step run (a completion): found by the step's id, in the acting agency's scope
 * (`agencyId` null: the system). Null when there is no such step in that scope (reported as not found).
 */
export function lockAndReadDossierOfStepTask(
  manager: EntityManager,
  stepTaskId: string,
  agencyId: string | null,
): Promise<DossierEntity | null> {
  return lockedDossier(
    manager,
    `SELECT ${entityColumns(manager, DossierEntity, 'd', 'd_')}, head.sequence, head.hash, head.tx_order::text AS tx_order
       FROM step_task t JOIN dossier d ON d.id = t.dossier_id ${HEAD_JOIN}
      WHERE t.id = $1 AND ($2::uuid IS NULL OR t.agency_id = $2::uuid) ${dossierRowLockClause('d')}`,
    [stepTaskId, agencyId],
  );
}
