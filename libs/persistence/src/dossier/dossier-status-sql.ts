import { OPEN_DOSSIER_STATUSES, RUNNING_CLOCK_DOSSIER_STATUSES } from '@motcua/domain';

/**
 * A list of fixed words as an SQL literal list: `('a', 'b')`. For status lists that must appear as literals (a
 * partial index's predicate, e.g. `dossier_open_appointment_idx ... WHERE status IN (...)`, is only used when the
 * query's condition is written with the same constants; a bound array parameter would not match it).
 */
export function sqlWordList(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[a-z][a-z-]*$/.test(value)) throw new Error(`not a status word: ${JSON.stringify(value)}`);
  }
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}

/** `OPEN_DOSSIER_STATUSES` (libs/domain) as an SQL list: `status IN ${OPEN_DOSSIER_STATUSES_SQL}`. */
export const OPEN_DOSSIER_STATUSES_SQL = sqlWordList(OPEN_DOSSIER_STATUSES);

/** `RUNNING_CLOCK_DOSSIER_STATUSES` (libs/domain) as an SQL list. */
export const RUNNING_CLOCK_DOSSIER_STATUSES_SQL = sqlWordList(RUNNING_CLOCK_DOSSIER_STATUSES);
