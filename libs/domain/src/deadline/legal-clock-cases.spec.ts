import { seedHolidaysForYears } from '../calendar/holiday-seed';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ClockEntry, computeClockState, SUPPLEMENT_PAUSE_REASON } from './clock-state';
import { classifyByCalendarDate, classifyNationalOnTime } from './on-time-classification';

/**
 * Hand-computed supplement / pause / extension cases (shared/DOMAIN.md "Supplement after appraisal", "Late",
 * "Indicators"). Office hours 07:00–11:30 and 13:30–17:00 Mon–Fri (+07:00), 8 h a working day, Labour Code holidays.
 * Week of Mon 16 Nov 2026 (no holiday; 24 Nov Culture Day is not in the default rule).
 */
const calendar = new WorkingCalendar({ dayOverrides: seedHolidaysForYears([2026, 2027]) });
const vn = (wall: string): Date => new Date(`${wall}+07:00`);
const local = (instant: Date | null) =>
  instant ? `${calendar.localDateOf(instant)} ${calendar.localTimeOf(instant)}` : null;
const DAY = 480;
const start = (at: string): ClockEntry => ({ type: 'start', at: vn(at) });
const supplement = (at: string): ClockEntry => ({
  type: 'pause',
  at: vn(at),
  reason: SUPPLEMENT_PAUSE_REASON,
  party: 'applicant',
});
const resume = (at: string): ClockEntry => ({ type: 'resume', at: vn(at) });

describe('supplement waits: pause (deadline shifts) vs restart (NĐ 61/2018: counted again from zero)', () => {
  // 5 working days from Mon 16 Nov 08:00 → Mon 23 Nov 08:00. Supplement asked Thu 19 Nov 16:00, completed Mon 23 Nov
  // 09:00 (the pause spans a weekend).
  const entries = [start('2026-11-16T08:00'), supplement('2026-11-19T16:00'), resume('2026-11-23T09:00')];

  it("'pause': elapsed 30 h before the pause, 10 h left from Mon 09:00 → Tue 24 Nov 11:00", () => {
    // Before: Mon 08:00–17:00 = 7 h, Tue 8, Wed 8, Thu 07:00–16:00 = 7 → 30 h. Left 10 h: Mon 09:00–11:30 (2.5) +
    // 13:30–17:00 (3.5) = 6 h; Tue 07:00 + 4 h → 11:00. Paused working time: Thu 1 h + Fri 8 h + Mon 2 h = 11 h.
    const state = computeClockState(entries, {
      budgetMinutes: 5 * DAY,
      calendar,
      supplementClock: 'pause',
      now: vn('2026-11-23T10:00'),
    });
    expect(local(state.originalDeadline)).toBe('2026-11-23 08:00');
    expect(state.pausedWorkingMinutes).toBe(11 * 60);
    expect(local(state.deadline)).toBe('2026-11-24 11:00');
  });

  it("'restart': a full 40 h from Mon 23 Nov 09:00 → Mon 30 Nov 09:00", () => {
    // Mon 6 h + Tue–Fri 32 h = 38 h; Mon 30 Nov 07:00 + 2 h → 09:00.
    const state = computeClockState(entries, {
      budgetMinutes: 5 * DAY,
      calendar,
      supplementClock: 'restart',
      now: vn('2026-11-23T10:00'),
    });
    expect(local(state.deadline)).toBe('2026-11-30 09:00');
    expect(state.budgetRestarts).toBe(1);
  });

  it('supplement asked on the appointment day, before the appointment hour: the 30 min left survive the wait', () => {
    // 1 day from Mon 16 Nov 08:00 → Tue 17 Nov 08:00. Asked Tue 07:30 (30 min left), completed Wed 18 Nov 10:00 →
    // Wed 10:30 ('pause'); restart → Wed 10:00 + 8 h = Thu 19 Nov 10:00.
    const late = [start('2026-11-16T08:00'), supplement('2026-11-17T07:30'), resume('2026-11-18T10:00')];
    const options = { budgetMinutes: DAY, calendar, now: vn('2026-11-18T10:00') };
    expect(local(computeClockState(late, { ...options, supplementClock: 'pause' }).deadline)).toBe('2026-11-18 10:30');
    expect(local(computeClockState(late, { ...options, supplementClock: 'restart' }).deadline)).toBe(
      '2026-11-19 10:00',
    );
  });

  it('resumed after hours (Fri 18:00): counting resumes Monday 07:00', () => {
    // 1 day from Mon 16 Nov 08:00; asked Mon 10:00 (2 h used, 6 h left); completed Fri 20 Nov 18:00 → Mon 23 Nov
    // 07:00 + 6 h: 4.5 h to 11:30, 1.5 h from 13:30 → 15:00 ('pause'); restart → Mon 23 Nov 17:00.
    const entries2 = [start('2026-11-16T08:00'), supplement('2026-11-16T10:00'), resume('2026-11-20T18:00')];
    const options = { budgetMinutes: DAY, calendar, now: vn('2026-11-23T07:00') };
    expect(local(computeClockState(entries2, { ...options, supplementClock: 'pause' }).deadline)).toBe(
      '2026-11-23 15:00',
    );
    expect(local(computeClockState(entries2, { ...options, supplementClock: 'restart' }).deadline)).toBe(
      '2026-11-23 17:00',
    );
  });

  it('a pause across Tết 2027 shifts by working time only', () => {
    // 2 days from Wed 3 Feb 2027 08:00 → Fri 5 Feb is Tết (seed 5–11 Feb with substitutes), so the original
    // deadline: Wed 7 h, Thu 8 h (15 h), Fri 5 Feb–Thu 11 Feb off, Fri 12 Feb 07:00 + 1 h → 08:00.
    // Paused Thu 4 Feb 16:00 (Wed 7 h + Thu 07:00–16:00 7 h = 14 h used, 2 h left), resumed Mon 15 Feb 08:00 → 10:00.
    const tet = [start('2027-02-03T08:00'), supplement('2027-02-04T16:00'), resume('2027-02-15T08:00')];
    const state = computeClockState(tet, {
      budgetMinutes: 2 * DAY,
      calendar,
      supplementClock: 'pause',
      now: vn('2027-02-15T08:00'),
    });
    expect(local(state.originalDeadline)).toBe('2027-02-12 08:00');
    expect(local(state.deadline)).toBe('2027-02-15 10:00');
  });
});

describe('national on-time indicator (QĐ 766, as the portal computes it)', () => {
  // Received Mon 16 Nov 2026 08:00, appointment Tue 17 Nov 08:00; supplement asked Mon 10:00, completed Wed 18 Nov
  // 10:00 (48 h of clock time); result Wed 18 Nov 15:00. 15:00 Wed − 48 h = Mon 15:00 ≤ Tue 08:00 → on time.
  const base = {
    receivedAt: vn('2026-11-16T08:00'),
    endAt: vn('2026-11-18T15:00'),
    appointmentAt: vn('2026-11-17T08:00'),
    completedSupplementWaits: [{ from: vn('2026-11-16T10:00'), to: vn('2026-11-18T10:00') }],
  };

  it('one supplement: its clock time is subtracted → on time', () => {
    const result = classifyNationalOnTime({ ...base, supplementRequestCount: 1 });
    expect(result).toMatchObject({ onTime: true, subtracted: 48 * 3_600_000 });
  });

  it('two supplement requests → late, however early the result', () => {
    const result = classifyNationalOnTime({
      ...base,
      endAt: vn('2026-11-16T11:00'),
      supplementRequestCount: 2,
      completedSupplementWaits: [],
    });
    expect(result).toMatchObject({ onTime: false, reason: 'too-many-supplement-requests' });
  });

  it('a dossier still waiting for the applicant is judged at the request instant', () => {
    // Asked Mon 10:00 (before the Tue 08:00 appointment), still waiting at the period end Fri 30 Nov → on time.
    const result = classifyNationalOnTime({
      ...base,
      endAt: vn('2026-11-30T17:00'),
      supplementRequestCount: 1,
      completedSupplementWaits: [],
      waitingForSupplementSince: vn('2026-11-16T10:00'),
    });
    expect(result).toMatchObject({ onTime: true, judgedAt: vn('2026-11-16T10:00') });
  });

  it('a result exactly at the appointment, or within its printed minute, is on time; the next minute is late', () => {
    // Appointment Tue 17 Nov 08:00 (printed "08 giờ 00 phút"), no supplement.
    const plain = { receivedAt: base.receivedAt, appointmentAt: base.appointmentAt, supplementRequestCount: 0 };
    const judge = (endAt: Date) => classifyNationalOnTime({ ...plain, completedSupplementWaits: [], endAt }).onTime;
    expect(judge(vn('2026-11-17T08:00:00'))).toBe(true);
    expect(judge(vn('2026-11-17T08:00:45'))).toBe(true); // a running test clock set to 08:00
    expect(judge(vn('2026-11-17T08:01:00'))).toBe(false);
    // Received with seconds on the clock (08:00:30) → appointment 08:00:30, still printed 08:00: a result at 08:00:50 is
    // on time.
    expect(
      classifyNationalOnTime({
        ...plain,
        appointmentAt: vn('2026-11-17T08:00:30'),
        completedSupplementWaits: [],
        endAt: vn('2026-11-17T08:00:50'),
      }).onTime,
    ).toBe(true);
    // With the 48 h supplement wait subtracted: Thu 19 Nov 08:00:59 − 48 h = Tue 08:00:59 → on time; 08:01 → late.
    expect(
      judge(vn('2026-11-17T08:00:59')) &&
        classifyNationalOnTime({ ...base, endAt: vn('2026-11-19T08:00:59'), supplementRequestCount: 1 }).onTime,
    ).toBe(true);
    expect(
      classifyNationalOnTime({ ...base, endAt: vn('2026-11-19T08:01:00'), supplementRequestCount: 1 }).onTime,
    ).toBe(false);
  });

  it('the periodic report compares calendar dates with the current appointment', () => {
    // Due Tue 17 Nov 08:00: finished Tue 16:59 is on time (same date), Mon 17:00 early, Wed 07:00 late.
    const due = vn('2026-11-17T08:00');
    expect(classifyByCalendarDate(vn('2026-11-17T16:59'), due)).toBe('on-time');
    expect(classifyByCalendarDate(vn('2026-11-16T17:00'), due)).toBe('early');
    expect(classifyByCalendarDate(vn('2026-11-18T07:00'), due)).toBe('late');
    // Dates in Hà Nội, not UTC: Tue 17 Nov 23:30 (+07:00) is 16:30Z the same UTC day, still Tue locally.
    expect(classifyByCalendarDate(new Date('2026-11-17T16:30:00Z'), due)).toBe('on-time');
    expect(classifyByCalendarDate(new Date('2026-11-17T17:00:00Z'), due)).toBe('late');
  });
});
