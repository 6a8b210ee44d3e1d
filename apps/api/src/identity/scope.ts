import { AccessScope, accessScopeCondition, SqlCondition } from '@motcua/persistence';
import type { Actor } from './access.decorator';

export type { AccessScope, SqlCondition } from '@motcua/persistence';

/**
 * THE rule of what an actor may see (every dossier, complaint, report and list read goes through it). Admins:
 * everything. Supervisors: their agency's subtree (materialised path prefix). Desk officers, agency officers and
 * agency leads: their own agency only.
 */
export function scopeOf(actor: Actor): AccessScope {
  if (actor.roles.includes('admin')) return { kind: 'all' };
  if (actor.roles.includes('supervisor')) return { kind: 'subtree', agencyPathPrefix: actor.agencyPath };
  return { kind: 'agencies', agencyIds: [actor.agencyId] };
}

/** Whether an object owned by the agency with this id and materialised path is inside the actor's scope. */
export function isWithinScope(actor: Actor, agency: { id: string; path: string } | string): boolean {
  const scope = scopeOf(actor);
  const path = typeof agency === 'string' ? agency : agency.path;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'subtree':
      return path.startsWith(scope.agencyPathPrefix);
    case 'agencies':
      return (
        scope.agencyIds.some((id) => path.endsWith(`/${id}/`)) ||
        (typeof agency !== 'string' && scope.agencyIds.includes(agency.id))
      );
  }
}

/**
 * A WHERE fragment restricting rows to the actor's scope, for query builders:
 * `query.andWhere(condition.sql, condition.parameters)`.
 *
 * @param agencyIdColumn the column holding the owning agency's id, e.g. `dossier.receiving_agency_id`
 * @param parameterPrefix distinct prefix when the fragment is used twice in one query
 */
export function scopeCondition(actor: Actor, agencyIdColumn: string, parameterPrefix = 'scope'): SqlCondition {
  return accessScopeCondition(scopeOf(actor), agencyIdColumn, parameterPrefix);
}
