/**
 * The RETURNING rows of an UPDATE/DELETE through `EntityManager.query`: TypeORM's Postgres driver answers those
 * with `[rows, rowCount]` (plain rows for SELECT/INSERT). Reading `.length` or mapping the raw answer silently
 * sees two "rows" — which once left cancelled timers' outbox rows unconsumed.
 */
export function updatedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
