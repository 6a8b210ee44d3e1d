import { checkTestClockInstant, FixedClock, SystemClock } from './clock';

describe('clock', () => {
  it('FixedClock stays put until set or advanced', () => {
    const clock = new FixedClock('2025-03-03T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2025-03-03T00:00:00.000Z');
    clock.advanceMinutes(90);
    expect(clock.now().toISOString()).toBe('2025-03-03T01:30:00.000Z');
    clock.set(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('FixedClock returns a fresh Date each time', () => {
    const clock = new FixedClock(0);
    const first = clock.now();
    first.setTime(12345);
    expect(clock.now().getTime()).toBe(0);
  });

  it('SystemClock follows the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
  });
});

describe('test clock range', () => {
  it('refuses instants whose Hà Nội date leaves the supported years (9999-12-31T23:59Z is year 10000 there)', () => {
    expect(() => checkTestClockInstant(new Date('9999-12-31T23:59:00Z'))).toThrow(
      expect.objectContaining({ code: 'clock.out-of-range', kind: 'invalid' }),
    );
    expect(() => checkTestClockInstant(new Date('1969-12-31T23:59:59Z'))).toThrow(/test clock must stay within/);
    expect(() => checkTestClockInstant(new Date(Number.NaN))).toThrow(/invalid instant/);
    expect(() => checkTestClockInstant(new Date('2026-11-19T08:00:00Z'))).not.toThrow();
    expect(() => checkTestClockInstant(new Date('1970-01-01T00:00:00Z'))).not.toThrow();
  });
});
