import { seedHolidays } from '../calendar/holiday-seed';
import { WorkingCalendar } from '../calendar/working-calendar';
import { computeClockState } from './clock-state';
import { DEFAULT_DEADLINE_THRESHOLDS, thresholdInstants } from './deadline-thresholds';

const calendar = new WorkingCalendar({ dayOverrides: seedHolidays(2025) });
const at = (date: string, time: string) => calendar.instantAt(date, time);
const local = (instant: Date) => `${calendar.localDateOf(instant)} ${calendar.localTimeOf(instant)}`;

describe('thresholdInstants', () => {
  const running = computeClockState([{ type: 'start', at: at('2025-03-10', '07:00') }], {
    budgetMinutes: 3 * 480,
    calendar,
    supplementClock: 'pause',
    now: at('2025-03-11', '12:00'),
  });

  it('computes graded warnings in working time', () => {
    const instants = thresholdInstants(running, DEFAULT_DEADLINE_THRESHOLDS, calendar);
    expect(instants.map((t) => [t.id, local(t.at), t.passed])).toEqual([
      ['half-used', '2025-03-11 11:00', true],
      ['apology-due', '2025-03-12 07:00', false],
      ['mostly-used', '2025-03-12 10:12', false],
      ['overdue', '2025-03-12 17:00', false],
    ]);
    expect(calendar.workingMinutesBetween(instants[1].at, instants[3].at)).toBe(480);
  });

  it('supports working-minute offsets and fractions past the budget', () => {
    const instants = thresholdInstants(
      running,
      [
        { id: 'two-hours-left', kind: 'before-deadline', workingMinutes: 120 },
        { id: 'half-overdue', kind: 'budget-used', fraction: 1.5 },
      ],
      calendar,
    );
    expect(instants.map((t) => [t.id, local(t.at)])).toEqual([
      ['two-hours-left', '2025-03-12 15:00'],
      ['half-overdue', '2025-03-14 11:00'],
    ]);
  });

  it('leaves out thresholds that fall before the clock started (issue #10: apology-due of a 4-hour desk step)', () => {
    const deskStep = computeClockState([{ type: 'start', at: at('2025-03-10', '09:00') }], {
      budgetMinutes: 4 * 60,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-10', '09:00'),
    });
    const instants = thresholdInstants(deskStep, DEFAULT_DEADLINE_THRESHOLDS, calendar);
    // The one-working-day apology lead would be 2025-03-07 14:00, three days before the step began.
    expect(instants.map((t) => [t.id, local(t.at)])).toEqual([
      ['half-used', '2025-03-10 11:00'],
      ['mostly-used', '2025-03-10 14:12'],
      ['overdue', '2025-03-10 15:00'],
    ]);
  });

  it('is empty unless the clock is running', () => {
    const paused = computeClockState(
      [
        { type: 'start', at: at('2025-03-10', '07:00') },
        { type: 'pause', at: at('2025-03-10', '08:00'), reason: 'supplement', party: 'applicant' },
      ],
      { budgetMinutes: 480, calendar, supplementClock: 'pause', now: at('2025-03-11', '12:00') },
    );
    expect(thresholdInstants(paused, DEFAULT_DEADLINE_THRESHOLDS, calendar)).toEqual([]);
  });

  it('rejects a negative fraction', () => {
    expect(() => thresholdInstants(running, [{ id: 'bad', kind: 'budget-used', fraction: -1 }], calendar)).toThrow(
      expect.objectContaining({ code: 'deadline.invalid-threshold' }),
    );
  });
});
