import { DomainError } from '../errors/domain-error';

/** Source of the current instant. Inject it instead of calling `new Date()` so time can be fixed in tests. */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to (tests, replays). */
export class FixedClock implements Clock {
  private current: number;

  constructor(initial: Date | string | number = 0) {
    this.current = new Date(initial).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string | number): void {
    this.current = new Date(instant).getTime();
  }

  advanceMilliseconds(milliseconds: number): void {
    this.current += milliseconds;
  }

  advanceMinutes(minutes: number): void {
    this.advanceMilliseconds(minutes * 60_000);
  }
}

/**
 * Instants the test clock may be set or moved to. Local dates and dossier codes are computed in Asia/Ho_Chi_Minh, so
 * 9999-12-31T23:59Z is already year 10000 there (an intake then failed with a 500); the bounds also leave room for
 * deadlines years ahead.
 */
export const TEST_CLOCK_RANGE = Object.freeze({ from: '1970-01-01T00:00:00.000Z', to: '9900-01-01T00:00:00.000Z' });

/** Throws DomainError 'clock.out-of-range' (400) for an instant outside `TEST_CLOCK_RANGE`. */
export function checkTestClockInstant(at: Date): void {
  const ms = at.getTime();
  if (!(ms >= Date.parse(TEST_CLOCK_RANGE.from) && ms < Date.parse(TEST_CLOCK_RANGE.to))) {
    throw new DomainError(
      'clock.out-of-range',
      `at: the test clock must stay within ${TEST_CLOCK_RANGE.from} and ${TEST_CLOCK_RANGE.to} (asked for ${
        Number.isFinite(ms) ? at.toISOString() : 'an invalid instant'
      })`,
      'invalid',
      { field: 'at', ...TEST_CLOCK_RANGE },
    );
  }
}
