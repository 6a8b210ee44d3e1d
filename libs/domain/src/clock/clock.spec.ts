import { FixedClock, SystemClock } from './clock';

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
