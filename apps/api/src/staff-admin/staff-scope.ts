import { DomainError } from '@motcua/domain';
import { AgencyRepository } from '@motcua/persistence';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { weakPasswordReason } from '../identity/password-policy';
import { scopeOf } from '../identity/scope';

/**
 * The agency subtree an admin manages, as a materialised-path prefix: `/` (every agency) for admins, whose scope is
 * "everything" (identity/scope.ts); the own subtree for any narrower scope, should one be given this route later.
 */
export function managedPathPrefix(actor: Actor): string {
  const scope = scopeOf(actor);
  return scope.kind === 'all' ? '/' : scope.kind === 'subtree' ? scope.agencyPathPrefix : actor.agencyPath;
}

/** The agency, if it exists inside the admin's subtree; else 404 (the same answer as an unknown id). */
export async function agencyInScope(manager: EntityManager, actor: Actor, agencyId: string): Promise<{ id: string }> {
  const agency = await new AgencyRepository(manager).findById(agencyId);
  if (!agency || !agency.path.startsWith(managedPathPrefix(actor)))
    throw new DomainError('staff.agency-not-found', `No agency ${agencyId} within your scope`, 'not-found');
  return agency;
}

export function userNotFound(id: string): DomainError {
  return new DomainError('staff.user-not-found', `No user ${id} within your scope`, 'not-found');
}

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password of 4 groups of 4 random characters (about 91 bits), e.g. `Kq7M-2xWp-...`. */
export function oneTimePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const candidate = groups.join('-');
    if (!weakPasswordReason(candidate)) return candidate;
  }
}
