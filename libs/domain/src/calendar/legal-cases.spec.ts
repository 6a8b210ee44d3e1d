import { seedHolidaysForYears } from './holiday-seed';
import { WorkingCalendar } from './working-calendar';

/**
 * Hand-computed working-time cases from shared/DOMAIN.md ("Working time", "Default counting convention") and
 * NĐ 61/2018 Art. 18 (received after 15:00 → the next working day). Office hours 07:00–11:30 and 13:30–17:00,
 * Monday–Friday, 1 working day = 8 h, Asia/Ho_Chi_Minh (UTC+7); holidays seeded by the Labour Code 2019 Art. 112
 * rule. Each expectation is worked out in the comment above it, not taken from the code under test.
 */
const calendar = new WorkingCalendar({ dayOverrides: seedHolidaysForYears([2025, 2026, 2027, 2028]) });
const vn = (wall: string): Date => new Date(`${wall}+07:00`);
const local = (instant: Date) => `${calendar.localDateOf(instant)} ${calendar.localTimeOf(instant)}`;
const appointment = (received: Date, workingDays: number, cutoff: string | null = '15:00') =>
  local(calendar.addWorkingDays(calendar.countingStart(received, { cutoff }), workingDays));

describe('cut-off 15:00 (NĐ 61/2018 Art. 18), judged to the minute the receipt prints', () => {
  it('Friday 16:10, 3 working days → counting Monday 07:00 → Wednesday 17:00', () => {
    // Fri 20 Nov 2026 16:10 is after 15:00 → Mon 23 Nov 07:00; 24 h = Mon, Tue, Wed in full → Wed 25 Nov 17:00.
    expect(local(calendar.countingStart(vn('2026-11-20T16:10:00'), { cutoff: '15:00' }))).toBe('2026-11-23 07:00');
    expect(appointment(vn('2026-11-20T16:10:00'), 3)).toBe('2026-11-25 17:00');
  });

  it('exactly 15:00 counts the same day, also with seconds on the clock (15:00:40 is printed 15 giờ 00 phút)', () => {
    // Thu 19 Nov 2026 15:00 + 8 h: Thu 15:00–17:00 (2 h), Fri 07:00–11:30 (4.5 h), 13:30 + 1.5 h → Fri 15:00.
    expect(appointment(vn('2026-11-19T15:00:00'), 1)).toBe('2026-11-20 15:00');
    // Before the fix 15:00:40 (and 15:00:00.400, a test clock set to 15:00 and left running) counted from Friday
    // 07:00 → Friday 17:00, while the receipt said "15 giờ 00 phút": the same day's counting is kept.
    expect(local(calendar.countingStart(vn('2026-11-19T15:00:40'), { cutoff: '15:00' }))).toBe('2026-11-19 15:00');
    expect(local(calendar.countingStart(vn('2026-11-19T15:00:00.400'), { cutoff: '15:00' }))).toBe('2026-11-19 15:00');
    expect(appointment(vn('2026-11-19T15:00:59.999'), 1)).toBe('2026-11-20 15:00');
  });

  it('15:01 is after the cut-off → next working day 07:00 + 8 h = 17:00', () => {
    expect(appointment(vn('2026-11-19T15:01:00'), 1)).toBe('2026-11-20 17:00');
  });

  it('judges the cut-off in Vietnam time, not the server UTC clock', () => {
    // 08:30Z = 15:30 in Hà Nội → after the cut-off → Fri 07:00 → Fri 17:00.
    expect(appointment(new Date('2026-11-19T08:30:00Z'), 1)).toBe('2026-11-20 17:00');
    // 23:30Z on Thu = Fri 06:30 in Hà Nội (before opening, before the cut-off) → Fri 07:00 → Fri 17:00.
    expect(appointment(new Date('2026-11-19T23:30:00Z'), 1)).toBe('2026-11-20 17:00');
    // 17:30Z on Thu = Fri 00:30 → Fri 07:00 as well (the UTC date is still Thursday).
    expect(local(calendar.countingStart(new Date('2026-11-19T17:30:00Z'), { cutoff: '15:00' }))).toBe(
      '2026-11-20 07:00',
    );
  });

  it('Saturday or Sunday reception counts from Monday 07:00 (after the cut-off or not)', () => {
    expect(appointment(vn('2026-11-21T09:00:00'), 1)).toBe('2026-11-23 17:00');
    expect(appointment(vn('2026-11-22T16:00:00'), 1)).toBe('2026-11-23 17:00');
  });
});

describe('lunch break and office hours', () => {
  it('received 11:45 (lunch) → counting 13:30; 8 h → Monday 11:30', () => {
    // Fri 20 Nov 2026 13:30–17:00 (3.5 h) + Mon 07:00–11:30 (4.5 h) = 8 h → Mon 23 Nov 11:30.
    expect(appointment(vn('2026-11-20T11:45:00'), 1)).toBe('2026-11-23 11:30');
  });

  it('received 11:29 with 4 working hours → 1 min, 13:30–17:00, then Monday 07:29', () => {
    // 1 + 210 = 211 min on Friday; 29 min left → Mon 07:29.
    const start = calendar.countingStart(vn('2026-11-20T11:29:00'), { cutoff: '15:00' });
    expect(local(calendar.addWorkingMinutes(start, 240))).toBe('2026-11-23 07:29');
  });

  it('received 06:30 → counting 07:00 → 1 working day ends 17:00 the same day', () => {
    expect(appointment(vn('2026-11-20T06:30:00'), 1)).toBe('2026-11-20 17:00');
  });

  it('a budget that runs out at 11:30 or 17:00 ends there (a working instant), not at the next opening', () => {
    const start = vn('2026-11-20T07:00:00');
    expect(local(calendar.addWorkingMinutes(start, 270))).toBe('2026-11-20 11:30');
    expect(calendar.isWorkingInstant(vn('2026-11-20T17:00:00'))).toBe(true);
    expect(calendar.isWorkingInstant(vn('2026-11-20T12:00:00'))).toBe(false);
  });
});

describe('public holidays (Labour Code 2019 Art. 112) and substitute days', () => {
  it('a deadline landing on 30-4 / 1-5 moves past the holidays and the weekend', () => {
    // Wed 29 Apr 2026 09:00: 2.5 h + 3.5 h = 6 h that day; Thu 30/4, Fri 1/5 holidays; Sat, Sun; Mon 4 May
    // 07:00 + 2 h → 09:00.
    expect(appointment(vn('2026-04-29T09:00:00'), 1)).toBe('2026-05-04 09:00');
  });

  it('end of year: 31 Dec 14:00 + 1 day skips 1 Jan', () => {
    // Wed 31 Dec 2025 14:00–17:00 (3 h); Thu 1 Jan 2026 holiday; Fri 2 Jan 07:00–11:30 (4.5 h), 13:30 + 0.5 h.
    expect(appointment(vn('2025-12-31T14:00:00'), 1)).toBe('2026-01-02 14:00');
  });

  it('Tết Bính Ngọ 2026: Friday 13 Feb 16:10, 3 days → after Tết (16–20 Feb) → Wed 25 Feb 17:00', () => {
    // Lunar new year Tue 17 Feb 2026; seed: 29 Tết (Mon 16) to mùng 4 (Fri 20). After 15:00 on Fri 13 → the next
    // working day is Mon 23 Feb 07:00 → Mon, Tue, Wed → Wed 25 Feb 17:00.
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-20')).toBe(false);
    expect(appointment(vn('2026-02-13T16:10:00'), 3)).toBe('2026-02-25 17:00');
  });

  it('National Day 2026 (Wed 2 Sep + Tue 1 Sep): Mon 31 Aug 10:00 + 2 days → Fri 4 Sep 10:00', () => {
    // Mon 10:00–17:00 = 5 h; Tue, Wed off; Thu 8 h (13 h); Fri 07:00 + 3 h → 10:00.
    expect(appointment(vn('2026-08-31T10:00:00'), 2)).toBe('2026-09-04 10:00');
  });

  it('Hùng Kings 2026 falls on Sunday 26 Apr → substitute Monday 27 Apr', () => {
    // Fri 24 Apr 16:00 (after 15:00) → next working day Tue 28 Apr 07:00 → 17:00.
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(appointment(vn('2026-04-24T16:00:00'), 1)).toBe('2026-04-28 17:00');
  });

  it('1 May 2027 on a Saturday → substitute Monday 3 May', () => {
    // Fri 30 Apr 2027 holiday too: Thu 29 Apr 2027 10:00 + 1 day: 5 h Thu; Fri, Sat, Sun, Mon off; Tue 4 May
    // 07:00 + 3 h → 10:00.
    expect(appointment(vn('2027-04-29T10:00:00'), 1)).toBe('2027-05-04 10:00');
  });

  it('the seeded 30 Apr – 1 May 2025 swap: Sat 26 Apr is worked, Fri 2 May is off', () => {
    // The notice's swap for 30 Apr – 1 May 2025: Fri 2 May off, made up on Sat 26 Apr (seeded, not typed by admins).
    // Fri 25 Apr 2025 16:00 after the cut-off → next working day is Saturday 26 Apr 07:00 → 17:00.
    expect(appointment(vn('2025-04-25T16:00:00'), 1)).toBe('2025-04-26 17:00');
    // Fri 25 Apr 14:59 (before the cut-off): 2 h 01 Fri; Sat 26 Apr 07:00–11:30 4 h 30 (6 h 31), 13:30 + 1 h 29 →
    // Sat 26 Apr 14:59.
    expect(appointment(vn('2025-04-25T14:59:00'), 1)).toBe('2025-04-26 14:59');
    // Tue 29 Apr 16:00 without a cut-off: 1 h Tue; 30 Apr, 1 May holidays, Fri 2 May swapped off, weekend;
    // Mon 5 May 07:00 + 7 h → 16:00.
    expect(appointment(vn('2025-04-29T16:00:00'), 1, null)).toBe('2025-05-05 16:00');
  });

  it('Tết 2025 as the notice fixed it: off Mon 27 – Fri 31 Jan, back on Mon 3 Feb', () => {
    // Fri 24 Jan 2025 16:00 without a cut-off: 1 h Fri; Tết Mon 27 – Fri 31 Jan, weekend; Mon 3 Feb 07:00 + 7 h.
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(appointment(vn('2025-01-24T16:00:00'), 1, null)).toBe('2025-02-03 16:00');
  });

  it('leap day 29 Feb 2028 is an ordinary working Tuesday', () => {
    // Mon 28 Feb 2028 10:00 + 2 days → Tue 29 Feb 10:00 (1 day) → Wed 1 Mar 10:00.
    expect(appointment(vn('2028-02-28T10:00:00'), 1)).toBe('2028-02-29 10:00');
    expect(appointment(vn('2028-02-28T10:00:00'), 2)).toBe('2028-03-01 10:00');
  });
});
