import * as fc from 'fast-check';
import { seedHolidays } from './holiday-seed';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar({
  dayOverrides: [...seedHolidays(2025), ...seedHolidays(2026)],
});
const at = (date: string, time: string) => calendar.instantAt(date, time);
const local = (instant: Date) => `${calendar.localDateOf(instant)} ${calendar.localTimeOf(instant)}`;

describe('WorkingCalendar basics', () => {
  it('uses UTC+7 for local dates and times', () => {
    expect(at('2025-03-07', '07:00').toISOString()).toBe('2025-03-07T00:00:00.000Z');
    expect(calendar.localDateOf(new Date('2025-03-06T17:00:00Z'))).toBe('2025-03-07');
    expect(calendar.localDateOf(new Date('2025-03-06T16:59:59Z'))).toBe('2025-03-06');
  });

  it('knows working days, weekends, holidays', () => {
    expect(calendar.isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false); // Hùng Kings
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false); // Tết
  });

  it('derives 8 h per working day from the default windows', () => {
    expect(calendar.minutesPerWorkingDay).toBe(480);
    const halfDays = new WorkingCalendar({ weeklyWindows: { 1: [{ start: '08:00', end: '12:00' }] } });
    expect(halfDays.minutesPerWorkingDay).toBe(240);
  });

  it('nextOpening returns the instant itself inside a window, else the next window start', () => {
    expect(local(calendar.nextOpening(at('2025-03-07', '09:15')))).toBe('2025-03-07 09:15');
    expect(local(calendar.nextOpening(at('2025-03-07', '12:00')))).toBe('2025-03-07 13:30');
    expect(local(calendar.nextOpening(at('2025-03-07', '11:30')))).toBe('2025-03-07 13:30');
    expect(local(calendar.nextOpening(at('2025-03-07', '17:00')))).toBe('2025-03-10 07:00');
    expect(local(calendar.nextOpening(at('2025-03-07', '06:00')))).toBe('2025-03-07 07:00');
  });

  it('rejects invalid configuration', () => {
    expect(() => new WorkingCalendar({ weeklyWindows: { 1: [{ start: '12:00', end: '08:00' }] } })).toThrow(
      expect.objectContaining({ code: 'calendar.invalid-config', kind: 'invalid' }),
    );
    expect(
      () =>
        new WorkingCalendar({
          weeklyWindows: {
            1: [
              { start: '08:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
          },
        }),
    ).toThrow(expect.objectContaining({ code: 'calendar.invalid-config' }));
    expect(() => new WorkingCalendar({ dayOverrides: [{ date: '2025-02-30', kind: 'holiday', name: 'x' }] })).toThrow(
      expect.objectContaining({ code: 'calendar.invalid-config' }),
    );
    expect(() => calendar.addWorkingMinutes(at('2025-03-07', '08:00'), Number.NaN)).toThrow(
      expect.objectContaining({ code: 'calendar.invalid-duration' }),
    );
  });

  it('fails clearly when a calendar has no working time at all', () => {
    const closed = new WorkingCalendar({ weeklyWindows: {} });
    expect(() => closed.addWorkingMinutes(at('2025-03-07', '08:00'), 60)).toThrow(
      expect.objectContaining({ code: 'calendar.no-working-time', kind: 'precondition' }),
    );
  });
});

describe('DOMAIN.md default counting convention', () => {
  it('received Friday 16:00 with 1 working day → Monday 16:00', () => {
    const start = calendar.countingStart(at('2025-03-07', '16:00'));
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2025-03-10 16:00');
  });

  it('received Friday 16:59 → Monday 16:59; with a 15:00 cut-off → Monday 17:00', () => {
    const received = at('2025-03-07', '16:59');
    expect(local(calendar.addWorkingDays(calendar.countingStart(received), 1))).toBe('2025-03-10 16:59');
    const start = calendar.countingStart(received, { cutoff: '15:00' });
    expect(local(start)).toBe('2025-03-10 07:00');
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2025-03-10 17:00');
  });

  it('cut-off 15:00 vs none', () => {
    expect(local(calendar.countingStart(at('2025-03-10', '15:30')))).toBe('2025-03-10 15:30');
    expect(local(calendar.countingStart(at('2025-03-10', '15:30'), { cutoff: '15:00' }))).toBe('2025-03-11 07:00');
    expect(local(calendar.countingStart(at('2025-03-10', '15:00'), { cutoff: '15:00' }))).toBe('2025-03-10 15:00');
    expect(local(calendar.countingStart(at('2025-03-10', '10:00'), { cutoff: '15:00' }))).toBe('2025-03-10 10:00');
    // Saturday after the cut-off: simply the next opening.
    expect(local(calendar.countingStart(at('2025-03-08', '16:00'), { cutoff: '15:00' }))).toBe('2025-03-10 07:00');
  });

  it('received during lunch counts from 13:30', () => {
    const start = calendar.countingStart(at('2025-03-10', '12:00'));
    expect(local(start)).toBe('2025-03-10 13:30');
    expect(local(calendar.addWorkingMinutes(start, 240))).toBe('2025-03-11 07:30');
  });

  it('received after closing counts from the next opening', () => {
    expect(local(calendar.countingStart(at('2025-03-10', '18:30')))).toBe('2025-03-11 07:00');
  });

  it('on a holiday eve: Friday before Hùng Kings Monday', () => {
    const start = calendar.countingStart(at('2025-04-04', '16:00'));
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2025-04-08 16:00');
  });

  it('across Tết 2026 (16–20 Feb seeded)', () => {
    const start = calendar.countingStart(at('2026-02-13', '16:00'));
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2026-02-23 16:00');
    expect(calendar.workingMinutesBetween(at('2026-02-13', '16:00'), at('2026-02-23', '16:00'))).toBe(480);
  });

  it('across a make-up working Saturday', () => {
    const withMakeUp = calendar.withDayOverrides([
      ...calendar.config.dayOverrides,
      { date: '2025-03-15', kind: 'working', name: 'Làm bù (make-up working Saturday)' },
    ]);
    expect(withMakeUp.isWorkingDay('2025-03-15')).toBe(true);
    const start = withMakeUp.countingStart(at('2025-03-14', '16:00'));
    expect(local(withMakeUp.addWorkingDays(start, 1))).toBe('2025-03-15 16:00');
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2025-03-17 16:00');
  });

  it('across a year boundary (1 Jan 2026 holiday)', () => {
    const start = calendar.countingStart(at('2025-12-31', '16:00'));
    expect(local(calendar.addWorkingDays(start, 1))).toBe('2026-01-02 16:00');
    expect(local(calendar.addWorkingDays(start, 2))).toBe('2026-01-05 16:00');
  });

  it('hours and days budgets agree (1 day = 8 h)', () => {
    const start = at('2025-03-10', '09:00');
    expect(calendar.addWorkingDays(start, 3)).toEqual(calendar.addWorkingMinutes(start, 3 * 8 * 60));
    expect(local(calendar.addWorkingDays(start, 0.5))).toBe('2025-03-10 15:00');
    expect(local(calendar.addWorkingMinutes(start, 150))).toBe('2025-03-10 11:30');
  });

  it('a budget running out at closing time ends at closing time', () => {
    expect(local(calendar.addWorkingMinutes(at('2025-03-10', '07:00'), 480))).toBe('2025-03-10 17:00');
  });

  it('subtracts working time backwards', () => {
    expect(local(calendar.subtractWorkingMinutes(at('2025-03-10', '16:00'), 480))).toBe('2025-03-07 16:00');
    expect(local(calendar.addWorkingMinutes(at('2025-03-10', '16:00'), -480))).toBe('2025-03-07 16:00');
    expect(local(calendar.subtractWorkingMinutes(at('2025-04-08', '08:00'), 120))).toBe('2025-04-04 16:00');
  });

  it('workingMinutesBetween is 0 when b ≤ a', () => {
    expect(calendar.workingMinutesBetween(at('2025-03-10', '16:00'), at('2025-03-10', '09:00'))).toBe(0);
    expect(calendar.workingMinutesBetween(at('2025-03-10', '09:00'), at('2025-03-10', '09:00'))).toBe(0);
    expect(calendar.workingMinutesBetween(at('2025-03-10', '11:00'), at('2025-03-10', '14:00'))).toBe(60);
  });

  it('round-trips 2,000 budgets (counting start + 20 working days = 20 working days of work)', () => {
    // Speed belongs in bench/ (no timed assertion in tests); this keeps the loop as a consistency check.
    for (let i = 0; i < 2_000; i++) {
      const start = new Date(at('2025-01-02', '08:00').getTime() + i * 9_970_000);
      const counting = calendar.countingStart(start);
      const deadline = calendar.addWorkingDays(counting, 20);
      expect(calendar.workingMinutesBetween(counting, deadline)).toBe(20 * 480);
    }
  });
});

describe('WorkingCalendar properties', () => {
  const instants = fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2026, 11, 1) }).map((ms) => new Date(ms));
  const budgets = fc.integer({ min: 0, max: 60 * 480 });

  it('workingMinutesBetween(countingStart(s), addWorkingMinutes(countingStart(s), m)) === m', () => {
    fc.assert(
      fc.property(instants, budgets, fc.boolean(), (instant, minutes, cutoff) => {
        const start = calendar.countingStart(instant, { cutoff: cutoff ? '15:00' : null });
        const end = calendar.addWorkingMinutes(start, minutes);
        expect(calendar.workingMinutesBetween(start, end)).toBe(minutes);
      }),
    );
  });

  it('addWorkingMinutes is monotonic in the budget and in the start', () => {
    fc.assert(
      fc.property(instants, instants, budgets, budgets, (a, b, m1, m2) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(calendar.addWorkingMinutes(early, small).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingMinutes(early, large).getTime(),
        );
        expect(calendar.addWorkingMinutes(early, small).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingMinutes(late, small).getTime(),
        );
      }),
    );
  });

  it('subtractWorkingMinutes inverts addWorkingMinutes in working time', () => {
    fc.assert(
      fc.property(instants, budgets, (instant, minutes) => {
        const start = calendar.countingStart(instant);
        const end = calendar.addWorkingMinutes(start, minutes);
        const back = calendar.subtractWorkingMinutes(end, minutes);
        expect(calendar.workingMinutesBetween(back, end)).toBe(minutes);
        expect(calendar.workingMinutesBetween(start, back)).toBe(0);
      }),
    );
  });
});

describe('WorkingCalendar on epoch milliseconds', () => {
  const instants = fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2026, 11, 1) });
  const minutes = fc.double({ min: -30 * 480, max: 60 * 480, noNaN: true });

  it('gives the same instants and durations as the Date methods', () => {
    fc.assert(
      fc.property(instants, instants, minutes, (a, b, amount) => {
        expect(calendar.nextOpeningMillis(a)).toBe(calendar.nextOpening(new Date(a)).getTime());
        expect(calendar.addWorkingMinutesMillis(a, amount)).toBe(
          calendar.addWorkingMinutes(new Date(a), amount).getTime(),
        );
        expect(calendar.workingMinutesBetweenMillis(a, b)).toBe(
          calendar.workingMinutesBetween(new Date(a), new Date(b)),
        );
      }),
    );
  });

  it('rejects non-finite instants and durations', () => {
    expect(() => calendar.nextOpeningMillis(Number.NaN)).toThrow('Invalid Date');
    expect(() => calendar.addWorkingMinutesMillis(0, Number.POSITIVE_INFINITY)).toThrow('Invalid number of minutes');
    expect(() => calendar.workingMinutesBetweenMillis(0, Number.NaN)).toThrow('Invalid Date');
  });
});

describe('isWorkingInstant', () => {
  const calendar = new WorkingCalendar({ dayOverrides: [{ date: '2025-09-02', kind: 'holiday', name: 'Quốc khánh' }] });
  const at = (date: string, time: string) => calendar.instantAt(date, time);
  it('inside office windows, both ends included', () => {
    expect(calendar.isWorkingInstant(at('2025-03-14', '07:00'))).toBe(true);
    expect(calendar.isWorkingInstant(at('2025-03-14', '11:30'))).toBe(true);
    expect(calendar.isWorkingInstant(at('2025-03-14', '17:00'))).toBe(true);
  });
  it('not at lunch, after hours, on a weekend or a holiday', () => {
    expect(calendar.isWorkingInstant(at('2025-03-14', '12:00'))).toBe(false);
    expect(calendar.isWorkingInstant(at('2025-03-14', '17:01'))).toBe(false);
    expect(calendar.isWorkingInstant(at('2025-03-15', '09:00'))).toBe(false); // Saturday
    expect(calendar.isWorkingInstant(at('2025-09-02', '09:00'))).toBe(false); // National Day
  });
});
