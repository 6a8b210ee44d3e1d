import { isDatabaseUnavailableError } from '@motcua/persistence';
import type { ErrorBody } from './error-response';

/** The fields of a `pg` error we use; `detail`, `where` and the query parameters can hold row values, never read. */
interface PostgresErrorLike {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  message?: unknown;
  routine?: unknown;
}

/** Columns named in a constraint message (`Key (agency_id)=(...)` → `agency_id`), without the values. */
function keyColumns(detail: unknown): string | undefined {
  if (typeof detail !== 'string') return undefined;
  const match = /^Key \(([a-z0-9_, ]+)\)=/i.exec(detail);
  return match?.[1];
}

const described = (what: string, constraint: unknown) =>
  typeof constraint === 'string' && constraint.length > 0 ? `${what} (${constraint})` : what;

/**
 * Maps a Postgres error (by SQLSTATE) that bad input can cause to a 4xx with a clear message that names the
 * constraint or column, never a row value. Anything else (a bug, an outage) returns undefined: the caller
 * answers 500 and logs it. https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function mapPostgresError(error: unknown): ErrorBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const pg = ((error as { driverError?: unknown }).driverError ?? error) as PostgresErrorLike & { detail?: unknown };
  const code = typeof pg.code === 'string' ? pg.code : undefined;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const column = keyColumns(pg.detail) ?? (typeof pg.column === 'string' ? pg.column : undefined);
  const invalid = (message: string): ErrorBody => ({ statusCode: 400, error: 'invalid-input', message });

  switch (code) {
    case '22P02': // invalid_text_representation: 'abc' as a uuid, integer, enum...
      return invalid('a value has the wrong format for its field (e.g. an id that is not a UUID)');
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return invalid('a date or time is not valid (use ISO 8601, e.g. 2026-11-26 or 2026-11-26T08:00:00+07:00)');
    case '22003': // numeric_value_out_of_range
      return invalid('a number is out of the range its field accepts');
    case '22001': // string_data_right_truncation
      return invalid('a text is longer than its field accepts');
    case '22021': // character_not_in_repertoire (e.g. NUL)
    case '22P05': // untranslatable_character (\u0000 in jsonb)
      return invalid('a text contains a character that cannot be stored (e.g. NUL)');
    case '22023': // invalid_parameter_value
    case '22004': // null_value_not_allowed
    case '2202E': // array_subscript_error
    case '22026': // string_data_length_mismatch
    case '22025': // invalid_escape_sequence
    case '2201B': // invalid_regular_expression
      return invalid('a value is not valid for its field');
    case '23502': // not_null_violation
      return invalid(column ? `${column} is required and may not be null` : 'a required value is missing or null');
    case '23514': // check_violation
      return invalid(described('a value breaks a rule of its field', pg.constraint));
    case '23503': {
      // foreign_key_violation: on insert/update a referenced object does not exist; on delete it is still in use.
      const message = typeof pg.message === 'string' ? pg.message : '';
      if (/^update or delete on table/.test(message))
        return {
          statusCode: 409,
          error: 'conflict',
          message: described('the object is still referenced by others', pg.constraint),
        };
      return {
        statusCode: 404,
        error: 'not-found',
        message: column ? `the object that ${column} refers to does not exist` : 'a referenced object does not exist',
      };
    }
    case '23505': // unique_violation
      return {
        statusCode: 409,
        error: 'conflict',
        message: column ? `an object with this ${column} already exists` : described('already exists', pg.constraint),
      };
    case '23P01': // exclusion_violation
      return { statusCode: 409, error: 'conflict', message: described('overlaps an existing object', pg.constraint) };
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '55P03': // lock_not_available
      return { statusCode: 409, error: 'conflict', message: 'concurrent update, retry' };
    case '54001': // statement_too_complex (e.g. stack depth limit on deeply nested jsonb)
    case '54000': // program_limit_exceeded
    case '54023': // too_many_arguments
      return { statusCode: 413, error: 'too-complex', message: 'the input is too large or too deeply nested' };
    default:
      return undefined;
  }
}

/**
 * The database is away for a moment (a restart or crash recovery, a failover, the connection limit): 503, retry.
 * Found by the fault suite (issue 17): requests made while Postgres restarted were answered 500 "internal error".
 */
export function databaseUnavailable(error: unknown): ErrorBody | undefined {
  return isDatabaseUnavailableError(error)
    ? { statusCode: 503, error: 'unavailable', message: 'the database is unavailable for a moment; retry shortly' }
    : undefined;
}
