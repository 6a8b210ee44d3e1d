import { databaseUnavailable, mapPostgresError } from './postgres-error';

const pg = (code: string, extra: Record<string, unknown> = {}) => ({ code, message: 'x', ...extra });

describe('mapPostgresError', () => {
  it.each([
    ['22P02', 400],
    ['22007', 400],
    ['22008', 400],
    ['22003', 400],
    ['22001', 400],
    ['22021', 400],
    ['22P05', 400],
    ['23502', 400],
    ['23514', 400],
    ['23503', 404],
    ['23505', 409],
    ['40001', 409],
    ['40P01', 409],
    ['54001', 413],
  ])('maps SQLSTATE %s to %i', (code, status) => {
    expect(mapPostgresError(pg(code))?.statusCode).toBe(status);
  });

  it('reads the driver error inside a TypeORM QueryFailedError', () => {
    expect(mapPostgresError({ driverError: pg('23505') })?.statusCode).toBe(409);
  });

  it('says a delete is refused while still referenced (409), an insert with an unknown reference is 404', () => {
    expect(
      mapPostgresError(pg('23503', { message: 'update or delete on table "agency" violates ...' }))?.statusCode,
    ).toBe(409);
    expect(
      mapPostgresError(pg('23503', { detail: 'Key (agency_id)=(0b4e...) is not present in table "agency".' }))?.message,
    ).toBe('the object that agency_id refers to does not exist');
  });

  it('never repeats row values from the detail', () => {
    const body = mapPostgresError(pg('23505', { detail: 'Key (username)=(secret-person) already exists.' }));
    expect(body?.message).toBe('an object with this username already exists');
    expect(JSON.stringify(body)).not.toContain('secret-person');
  });

  it('leaves everything else to the 500 path (bugs and outages are not the client’s fault)', () => {
    expect(mapPostgresError(pg('42P01'))).toBeUndefined();
    expect(mapPostgresError(pg('57P01'))).toBeUndefined();
    expect(mapPostgresError({ code: 'ECONNREFUSED' })).toBeUndefined();
    expect(mapPostgresError(new Error('boom'))).toBeUndefined();
  });
});

describe('databaseUnavailable (issue 17: requests during a Postgres restart answered 500)', () => {
  it.each([
    ['57P01 admin shutdown', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['57P03 starting up', { code: '57P03', message: 'the database system is starting up' }],
    ['08006 connection failure', { code: '08006', message: 'connection failure' }],
    ['53300 too many connections', { code: '53300', message: 'sorry, too many clients already' }],
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['cut', { message: 'Connection terminated unexpectedly' }],
    ['inside a QueryFailedError', { driverError: { code: '57P01', message: 'x' } }],
  ])('answers 503 for %s', (_what, error) => {
    expect(databaseUnavailable(error)).toEqual({
      statusCode: 503,
      error: 'unavailable',
      message: 'the database is unavailable for a moment; retry shortly',
    });
  });

  it('leaves bad input and bugs alone', () => {
    expect(databaseUnavailable({ code: '23505', message: 'duplicate key' })).toBeUndefined();
    expect(databaseUnavailable(new TypeError('x is undefined'))).toBeUndefined();
    expect(databaseUnavailable(null)).toBeUndefined();
  });
});
