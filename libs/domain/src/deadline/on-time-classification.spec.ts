import { WorkingCalendar } from '../calendar/working-calendar';
import {
  classifyByCalendarDate,
  classifyInProgressByCalendarDate,
  classifyNationalOnTime,
} from './on-time-classification';

const calendar = new WorkingCalendar();
const at = (date: string, time: string) => calendar.instantAt(date, time);

describe('classifyByCalendarDate (periodic report)', () => {
  it('compares local calendar dates', () => {
    const due = at('2025-03-14', '17:00');
    expect(classifyByCalendarDate(at('2025-03-13', '16:59'), due)).toBe('early');
    expect(classifyByCalendarDate(at('2025-03-14', '07:00'), due)).toBe('on-time');
    expect(classifyByCalendarDate(at('2025-03-14', '23:59'), due)).toBe('on-time'); // later hour, same date
    expect(classifyByCalendarDate(at('2025-03-15', '00:00'), due)).toBe('late');
  });

  it('uses the local (UTC+7) date, not the UTC date', () => {
    // 2025-03-14 06:00 in Hanoi is still 2025-03-13 in UTC.
    expect(classifyByCalendarDate(at('2025-03-14', '06:00'), at('2025-03-14', '17:00'))).toBe('on-time');
  });

  it('no due date → on time', () => {
    expect(classifyByCalendarDate(at('2025-03-14', '06:00'), null)).toBe('on-time');
  });

  it('in progress: overdue when due before the period end date, except waiting for a supplement', () => {
    const periodEnd = at('2025-03-31', '23:59');
    expect(classifyInProgressByCalendarDate(at('2025-03-30', '17:00'), periodEnd, false)).toBe('overdue');
    expect(classifyInProgressByCalendarDate(at('2025-03-31', '08:00'), periodEnd, false)).toBe('within-time');
    expect(classifyInProgressByCalendarDate(at('2025-03-30', '17:00'), periodEnd, true)).toBe('within-time');
    expect(classifyInProgressByCalendarDate(null, periodEnd, false)).toBe('within-time');
  });
});

describe('classifyNationalOnTime (QĐ 766 index as implemented by the portal)', () => {
  const receivedAt = at('2025-03-10', '08:00');
  const appointmentAt = at('2025-03-14', '17:00');

  it('finished before the appointment → on time', () => {
    const result = classifyNationalOnTime({
      receivedAt,
      endAt: at('2025-03-14', '10:00'),
      appointmentAt,
      supplementRequestCount: 0,
      completedSupplementWaits: [],
    });
    expect(result).toMatchObject({ onTime: true, reason: 'within-appointment', subtracted: 0 });
  });

  it('subtracts completed supplement waits (clock time)', () => {
    const base = {
      receivedAt,
      endAt: at('2025-03-17', '10:00'),
      appointmentAt,
      supplementRequestCount: 1,
    };
    expect(
      classifyNationalOnTime({
        ...base,
        completedSupplementWaits: [{ from: at('2025-03-11', '08:00'), to: at('2025-03-15', '08:00') }],
      }),
    ).toMatchObject({ onTime: true, subtracted: 4 * 86_400_000 });
    expect(
      classifyNationalOnTime({
        ...base,
        completedSupplementWaits: [{ from: at('2025-03-11', '08:00'), to: at('2025-03-13', '08:00') }],
      }),
    ).toMatchObject({ onTime: false, reason: 'after-appointment' });
  });

  it('more than one supplement request → late, even if the report calls it early', () => {
    const endAt = at('2025-03-12', '10:00');
    const result = classifyNationalOnTime({
      receivedAt,
      endAt,
      appointmentAt,
      supplementRequestCount: 2,
      completedSupplementWaits: [],
    });
    expect(result).toMatchObject({ onTime: false, reason: 'too-many-supplement-requests' });
    expect(classifyByCalendarDate(endAt, appointmentAt)).toBe('early');
  });

  it('a dossier currently waiting for the applicant is judged at the request instant', () => {
    const result = classifyNationalOnTime({
      receivedAt,
      endAt: at('2025-03-31', '23:59'),
      appointmentAt,
      supplementRequestCount: 1,
      completedSupplementWaits: [],
      waitingForSupplementSince: at('2025-03-12', '09:00'),
    });
    expect(result.onTime).toBe(true);
    expect(result.judgedAt).toEqual(at('2025-03-12', '09:00'));
  });

  it('in progress and not yet due at the period end → on time; past due → late', () => {
    const base = { receivedAt, appointmentAt, supplementRequestCount: 0, completedSupplementWaits: [] };
    expect(classifyNationalOnTime({ ...base, endAt: at('2025-03-13', '23:59') }).onTime).toBe(true);
    expect(classifyNationalOnTime({ ...base, endAt: at('2025-03-15', '23:59') }).onTime).toBe(false);
  });

  it('no appointment: elapsed working time minus waits vs the legal time', () => {
    const base = {
      receivedAt,
      endAt: at('2025-03-14', '08:00'),
      appointmentAt: null,
      supplementRequestCount: 1,
      legalTimeWorkingMinutes: 3 * 480,
      calendar,
    };
    expect(
      classifyNationalOnTime({
        ...base,
        completedSupplementWaits: [{ from: at('2025-03-11', '08:00'), to: at('2025-03-12', '08:00') }],
      }),
    ).toMatchObject({ onTime: true, reason: 'within-legal-time', subtracted: 480 });
    expect(classifyNationalOnTime({ ...base, completedSupplementWaits: [] })).toMatchObject({
      onTime: false,
      reason: 'over-legal-time',
    });
  });

  it('no appointment and no legal time → precondition error', () => {
    expect(() =>
      classifyNationalOnTime({
        receivedAt,
        endAt: at('2025-03-14', '08:00'),
        appointmentAt: null,
        supplementRequestCount: 0,
        completedSupplementWaits: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'deadline.legal-time-required', kind: 'precondition' }));
  });
});
