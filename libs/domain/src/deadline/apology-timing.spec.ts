import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';
import { apologyTiming, checkNewAppointment } from './apology-timing';

const calendar = new WorkingCalendar({ dayOverrides: [{ date: '2031-03-11', kind: 'holiday', name: 'Nghỉ bù' }] });
const at = (date: string, time: string) => calendar.instantAt(date, time);

describe('apologyTiming (NĐ 61/2018 Art. 19: at least 1 working day before the deadline)', () => {
  const deadline = at('2031-03-14', '09:00'); // Friday

  it('exactly one working day before is in time', () => {
    // Thu 13 09:00 → Fri 14 09:00 = 8 working hours (09:00–11:30, 13:30–17:00, 07:00–09:00).
    expect(apologyTiming(at('2031-03-13', '09:00'), deadline, calendar, 1)).toEqual({
      timing: 'before-lead-time',
      remainingWorkingMinutes: 480,
      requiredWorkingMinutes: 480,
    });
  });

  it('a minute later is after the lead time; at or past the deadline is after the deadline', () => {
    expect(apologyTiming(at('2031-03-13', '09:01'), deadline, calendar, 1).timing).toBe('after-lead-time');
    expect(apologyTiming(deadline, deadline, calendar, 1).timing).toBe('after-deadline');
    expect(apologyTiming(at('2031-03-17', '10:00'), deadline, calendar, 1)).toMatchObject({
      timing: 'after-deadline',
      remainingWorkingMinutes: 0,
    });
  });

  it('is judged to the minute: seconds on a running clock do not make a timely apology late', () => {
    // Thu 13 09:00:20 (a test clock set to 09:00 and left running) → before the fix 479.67 working minutes left,
    // 'after-lead-time'. Also when the deadline itself carries the seconds of the reception (09:00:40).
    const seconds = (date: string, time: string, s: number) => new Date(at(date, time).getTime() + s * 1000);
    expect(apologyTiming(seconds('2031-03-13', '09:00', 20), deadline, calendar, 1)).toMatchObject({
      timing: 'before-lead-time',
      remainingWorkingMinutes: 480,
    });
    expect(apologyTiming(at('2031-03-13', '09:00'), seconds('2031-03-14', '09:00', 40), calendar, 1).timing).toBe(
      'before-lead-time',
    );
    expect(apologyTiming(seconds('2031-03-13', '09:01', 0), deadline, calendar, 1).timing).toBe('after-lead-time');
  });

  it('the lead counts working time only (a holiday in between does not count)', () => {
    // Mon 10 09:00 → Fri 14 09:00 with Tue 11 a holiday: Mon 6 h + Wed 8 h + Thu 8 h + Fri 2 h = 24 h = 3 days.
    expect(apologyTiming(at('2031-03-10', '09:00'), deadline, calendar, 1).remainingWorkingMinutes).toBe(3 * 480);
  });
});

describe('checkNewAppointment', () => {
  const deadline = at('2031-03-14', '09:00');
  const now = at('2031-03-17', '10:00'); // already overdue

  it('accepts a working instant after both now and the deadline', () => {
    expect(() => checkNewAppointment(at('2031-03-18', '16:00'), now, deadline, calendar)).not.toThrow();
    expect(() => checkNewAppointment(at('2031-03-18', '17:00'), now, deadline, calendar)).not.toThrow();
  });

  it('refuses a Saturday, lunch time, a holiday, or an instant not after now', () => {
    const code = (instant: Date) => {
      try {
        checkNewAppointment(instant, now, deadline, calendar);
        return 'accepted';
      } catch (error) {
        return (error as DomainError).code;
      }
    };
    expect(code(at('2031-03-22', '09:00'))).toBe('apology.appointment-not-working-time'); // Saturday
    expect(code(at('2031-03-18', '12:00'))).toBe('apology.appointment-not-working-time'); // lunch
    expect(code(at('2031-03-17', '09:30'))).toBe('apology.appointment-not-later'); // after the deadline, before now
  });

  it('a holiday is not a working instant', () => {
    expect(() =>
      checkNewAppointment(at('2031-03-11', '09:00'), at('2031-03-10', '09:00'), at('2031-03-10', '16:00'), calendar),
    ).toThrow(/outside office hours/);
  });
});
