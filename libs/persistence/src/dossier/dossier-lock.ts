import { EntityManager } from 'typeorm';

/**
 * THE strength of the dossier row lock, for the one statement that locks several dossiers at once (or locks a
 * dossier while reading it with joins): `FOR NO KEY UPDATE` (`OF <alias>` when the query joins other tables).
 *
 * FOR NO KEY UPDATE, not FOR UPDATE: lockers still exclude each other (and any FOR UPDATE or UPDATE of the row),
 * but rows that only reference the dossier (events, clock entries, notifications, timers written by subscribers
 * and workers) no longer wait for the locker's whole transaction to check their foreign key (FOR KEY SHARE).
 * The id is never updated and a dossier is never deleted, so nothing needs the stronger lock; one strength
 * everywhere also keeps lock waits predictable (a FOR UPDATE holder would block the FK checks a NO KEY holder
 * lets through). Issue 16: a notification insert waited 370 ms on average behind routing transactions.
 * test/foundation/one-home-rules.spec.ts fails for a dossier row lock written anywhere else.
 */
export function dossierRowLockClause(alias?: string): string {
  return alias ? `FOR NO KEY UPDATE OF ${alias}` : 'FOR NO KEY UPDATE';
}

/**
 * Takes the dossier row lock for the caller's transaction: THE lock every writer of a dossier's state, events,
 * steps, clock, timers, payments or deliveries takes first (lock order: dossier → step rows → timer rows → outbox
 * row; a child dossier before its parent). Returns false when the dossier does not exist (or, with `skipLocked`,
 * is locked by someone else). Strength: see `dossierRowLockClause`.
 */
export async function lockDossierRow(
  manager: EntityManager,
  dossierId: string,
  options: { skipLocked?: boolean } = {},
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM dossier WHERE id = $1 ${dossierRowLockClause()}${options.skipLocked ? ' SKIP LOCKED' : ''}`,
    [dossierId],
  );
  return rows.length > 0;
}
