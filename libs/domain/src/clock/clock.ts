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
