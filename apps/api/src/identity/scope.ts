import type { Actor } from './access.decorator';

/**
 * What an actor may see. Supervisors: their agency's subtree (materialised path prefix). Admins: everything.
 * Desk officers, agency officers and agency leads: their own agency only.
 */
export type AccessScope =
  { kind: 'all' } | { kind: 'subtree'; agencyPathPrefix: string } | { kind: 'agencies'; agencyIds: string[] };

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

export interface SqlCondition {
  /** A boolean SQL expression with named parameters (TypeORM `:name` style). */
  sql: string;
  parameters: Record<string, unknown>;
}

/**
 * A WHERE fragment restricting rows to the actor's scope, for query builders:
 * `query.andWhere(condition.sql, condition.parameters)`.
 *
 * @param agencyIdColumn the column holding the owning agency's id, e.g. `dossier.receiving_agency_id`
 * @param parameterPrefix distinct prefix when the fragment is used twice in one query
 */
export function scopeCondition(actor: Actor, agencyIdColumn: string, parameterPrefix = 'scope'): SqlCondition {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', parameters: {} };
    case 'subtree':
      return {
        sql: `${agencyIdColumn} IN (SELECT scope_agency.id FROM agency scope_agency WHERE scope_agency.path LIKE :${parameterPrefix}Prefix || '%')`,
        parameters: { [`${parameterPrefix}Prefix`]: escapeLike(scope.agencyPathPrefix) },
      };
    case 'agencies':
      return {
        sql: `${agencyIdColumn} IN (:...${parameterPrefix}AgencyIds)`,
        parameters: { [`${parameterPrefix}AgencyIds`]: scope.agencyIds },
      };
  }
}

/** Paths hold uuids and slashes only, but escape LIKE wildcards anyway. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
