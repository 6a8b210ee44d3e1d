import type { DossierScope } from '@motcua/persistence';
import type { Actor } from '../identity/access.decorator';

/** Supervisors see their agency's subtree; everyone else only their own agency's dossiers. */
export function dossierScopeOf(actor: Actor): DossierScope {
  return actor.roles.includes('supervisor') || actor.roles.includes('admin')
    ? { agencyId: actor.agencyId, subtreePath: actor.agencyPath }
    : { agencyId: actor.agencyId };
}
