import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';
import {
  admitSupplementRequest,
  lateSupplementRequestRefused,
  supplementRequestTiming,
} from './supplement-request-timing';

const calendar = new WorkingCalendar({ dayOverrides: [{ date: '2031-03-11', kind: 'holiday', name: 'Nghỉ bù' }] });
const at = (date: string, time: string) => calendar.instantAt(date, time);

describe('supplementRequestTiming (NĐ 61/2018: request within N working days of receiving the dossier)', () => {
  // Received Mon 10 March 09:00; Tue 11 is a holiday: 3 working days = Mon 6 h + Wed 8 h + Thu 8 h + Fri 2 h.
  const received = at('2031-03-10', '09:00');

  it('is in time up to the instant three working days later, holidays not counted', () => {
    const dueBy = at('2031-03-14', '09:00');
    expect(supplementRequestTiming(received, dueBy, calendar, 3)).toEqual({
      dueBy,
      late: false,
      workingMinutesLate: 0,
    });
    expect(supplementRequestTiming(received, at('2031-03-12', '16:00'), calendar, 3).late).toBe(false);
  });

  it('is late a minute after, by working minutes only (the weekend does not add lateness)', () => {
    expect(supplementRequestTiming(received, at('2031-03-14', '09:01'), calendar, 3)).toMatchObject({
      late: true,
      workingMinutesLate: 1,
    });
    // Fri 09:00 → Mon 17 08:00: Fri 6 h + Mon 1 h = 420 working minutes.
    expect(supplementRequestTiming(received, at('2031-03-17', '08:00'), calendar, 3).workingMinutesLate).toBe(420);
  });

  it('is judged to the minute: a request within the due minute is in time', () => {
    // The step started at 09:00:00.350 (a running clock) and the request came at 09:00:30 three working days
    // later: before the fix 'late' by half a minute, charged to the agency.
    const started = new Date(received.getTime() + 350);
    const requested = new Date(at('2031-03-14', '09:00').getTime() + 30_000);
    expect(supplementRequestTiming(started, requested, calendar, 3)).toMatchObject({
      late: false,
      workingMinutesLate: 0,
    });
    expect(supplementRequestTiming(started, at('2031-03-14', '09:01'), calendar, 3).late).toBe(true);
  });

  it('counts from the next opening when the dossier arrives out of hours', () => {
    // Received Sat 8 March: counting starts Mon 07:00; Mon 8 h, (Tue holiday), Wed 8 h, Thu 8 h → due Thu 13 17:00.
    const timing = supplementRequestTiming(at('2031-03-08', '10:00'), at('2031-03-13', '17:00'), calendar, 3);
    expect(timing).toEqual({ dueBy: at('2031-03-13', '17:00'), late: false, workingMinutesLate: 0 });
  });

  it('a refusal names the due instant as a 422-kind error', () => {
    const timing = supplementRequestTiming(received, at('2031-03-17', '08:00'), calendar, 3);
    const error = lateSupplementRequestRefused(timing, 3);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('precondition');
    expect(error.message).toMatch(/within 3 working days .*2031-03-14T02:00:00.000Z/);
  });
});

describe('admitSupplementRequest (the rule set decides what a late request does)', () => {
  const received = at('2031-03-10', '09:00');
  const inTime = supplementRequestTiming(received, at('2031-03-12', '09:00'), calendar, 3);
  const late = supplementRequestTiming(received, at('2031-03-17', '08:00'), calendar, 3);

  it("'refuse' refuses a late request and admits one in time", () => {
    expect(() => admitSupplementRequest('refuse', late, 3)).toThrow(/within 3 working days/);
    expect(admitSupplementRequest('refuse', inTime, 3)).toEqual(inTime);
  });

  it("'agency-fault' admits a late request, marked late", () => {
    expect(admitSupplementRequest('agency-fault', late, 3)).toMatchObject({ late: true, workingMinutesLate: 420 });
  });
});
