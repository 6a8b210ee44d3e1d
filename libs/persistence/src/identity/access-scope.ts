/**
 * What an actor may see, as rows: everything (admins), an agency subtree by materialised-path prefix
 * (supervisors), or a list of agencies (desk officers, agency officers and leads: their own). Who gets which is
 * decided once, in apps/api/src/identity/scope.ts (`scopeOf`); repositories only turn it into SQL.
 */
export type AccessScope =
  { kind: 'all' } | { kind: 'subtree'; agencyPathPrefix: string } | { kind: 'agencies'; agencyIds: string[] };

/** A boolean SQL expression with named parameters (TypeORM query-builder `:name` style). */
export interface SqlCondition {
  sql: string;
  parameters: Record<string, unknown>;
}

/**
 * A WHERE fragment restricting rows whose owning agency is `agencyIdColumn` to the scope, for query builders:
 * `query.andWhere(condition.sql, condition.parameters)`. `parameterPrefix` keeps two fragments of one query apart.
 */
export function accessScopeCondition(
  scope: AccessScope,
  agencyIdColumn: string,
  parameterPrefix = 'scope',
): SqlCondition {
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

/** The same fragment with positional parameters (`$n`, numbered from `firstParameter`), for raw queries. */
export function accessScopeClause(
  scope: AccessScope,
  agencyIdColumn: string,
  firstParameter: number,
): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'subtree':
      return {
        sql: `${agencyIdColumn} IN (SELECT scope_agency.id FROM agency scope_agency WHERE scope_agency.path LIKE $${firstParameter} || '%')`,
        params: [escapeLike(scope.agencyPathPrefix)],
      };
    case 'agencies':
      return { sql: `${agencyIdColumn} = ANY($${firstParameter}::uuid[])`, params: [scope.agencyIds] };
  }
}

/** Paths hold uuids and slashes only, but escape LIKE wildcards anyway. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
