import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { connectWhenAvailable, isDatabaseUnavailableError } from './database-unavailable';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const startingUp = Object.assign(new Error('the database system is starting up'), { code: '57P03' });

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['refused', refused],
    ['starting up (57P03)', startingUp],
    ['admin shutdown (57P01)', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['connection failure (08006)', { code: '08006', message: 'x' }],
    ['too many clients (53300)', { code: '53300', message: 'sorry, too many clients already' }],
    ['cut', new Error('Connection terminated unexpectedly')],
    ['a query runner TypeORM released when its connection was cut', new QueryRunnerAlreadyReleasedError()],
    ['inside a QueryFailedError', { driverError: { code: '57P01', message: 'x' } }],
  ])('is true for %s', (_what, error) => expect(isDatabaseUnavailableError(error)).toBe(true));

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key' }],
    ['a bad password (28P01)', { code: '28P01', message: 'password authentication failed' }],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', null],
  ])('is false for %s', (_what, error) => expect(isDatabaseUnavailableError(error)).toBe(false));
});

describe('connectWhenAvailable (issue 17: workers restarted during a Postgres restart died at boot)', () => {
  it('retries while the database is unavailable, then connects', async () => {
    const failures = [refused, startingUp];
    const retried: unknown[] = [];
    const result = await connectWhenAvailable(
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'connected';
      },
      { waitMs: 10_000, intervalMs: 1, onRetry: (error) => retried.push(error) },
    );
    expect(result).toBe('connected');
    expect(retried).toEqual([refused, startingUp]);
  });

  it('throws at once an error that is not an outage', async () => {
    const wrongPassword = { code: '28P01', message: 'password authentication failed' };
    let attempts = 0;
    await expect(
      connectWhenAvailable(
        async () => {
          attempts++;
          throw wrongPassword;
        },
        { waitMs: 10_000, intervalMs: 1 },
      ),
    ).rejects.toBe(wrongPassword);
    expect(attempts).toBe(1);
  });

  it('gives up with the last error once the wait is over', async () => {
    let clock = 0;
    let attempts = 0;
    await expect(
      connectWhenAvailable(
        async () => {
          attempts++;
          clock += 400;
          throw refused;
        },
        { waitMs: 1000, intervalMs: 1, now: () => clock },
      ),
    ).rejects.toBe(refused);
    expect(attempts).toBe(3);
  });
});
