import { EntityManager } from 'typeorm';

/**
 * Takes the dossier row lock for the caller's transaction: THE lock every writer of a dossier's state, events,
 * steps, clock or timers takes first (lock order: dossier → step rows → timer rows → outbox row). Returns false
 * when the dossier does not exist (or, with `skipLocked`, is locked by someone else).
 */
export async function lockDossierRow(
  manager: EntityManager,
  dossierId: string,
  options: { skipLocked?: boolean } = {},
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM dossier WHERE id = $1 FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`,
    [dossierId],
  );
  return rows.length > 0;
}
