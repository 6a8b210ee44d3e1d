import { DomainError } from '@motcua/domain';
import { findDossierForCitizen, hashLookupSecret } from '@motcua/persistence';
import { timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';

// Unknown codes cost the same comparison as known ones.
const ABSENT_HASH = '0'.repeat(64);

/**
 * The dossier named by code + the lookup secret printed on the receipt; unknown code and wrong secret give the same
 * 404, so neither can be probed apart.
 */
export async function verifyCitizenDossier(
  manager: EntityManager,
  code: string,
  secret: string,
): Promise<{ id: string; status: string; agencyId: string }> {
  const row = await findDossierForCitizen(manager, code);
  const expected = Buffer.from(row?.lookupSecretHash ?? ABSENT_HASH, 'utf8');
  const given = Buffer.from(hashLookupSecret(secret.replace(/[\s-]/g, '')), 'utf8');
  if (!row || !(expected.length === given.length && timingSafeEqual(expected, given))) {
    throw new DomainError('dossier.lookup-not-found', 'No dossier with this code and secret', 'not-found');
  }
  return { id: row.id, status: row.status, agencyId: row.agencyId };
}
