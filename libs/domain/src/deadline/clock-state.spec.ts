import * as fc from 'fast-check';
import { seedHolidays } from '../calendar/holiday-seed';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ClockEntry, computeClockState } from './clock-state';

const calendar = new WorkingCalendar({ dayOverrides: seedHolidays(2025) });
const at = (date: string, time: string) => calendar.instantAt(date, time);
const local = (instant: Date | null) =>
  instant ? `${calendar.localDateOf(instant)} ${calendar.localTimeOf(instant)}` : null;
const DAY = 480;

const supplementEntries: ClockEntry[] = [
  { type: 'start', at: at('2025-03-10', '08:00') },
  { type: 'pause', at: at('2025-03-11', '08:00'), reason: 'supplement', party: 'applicant' },
  { type: 'resume', at: at('2025-03-17', '08:00') },
];

describe('computeClockState', () => {
  it('is not started without a start entry', () => {
    const state = computeClockState([], {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-10', '08:00'),
    });
    expect(state).toMatchObject({ status: 'not-started', deadline: null, elapsedWorkingMinutes: 0, overdue: false });
  });

  it('runs from the start and computes the deadline', () => {
    const state = computeClockState([{ type: 'start', at: at('2025-03-10', '08:00') }], {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-12', '08:00'),
    });
    expect(state.status).toBe('running');
    expect(state.elapsedWorkingMinutes).toBe(2 * DAY);
    expect(local(state.deadline)).toBe('2025-03-13 08:00');
    expect(state.originalDeadline).toEqual(state.deadline);
    expect(state.remainingWorkingMinutes).toBe(DAY);
    expect(state.overdue).toBe(false);
  });

  it('a start outside office hours counts from the next opening', () => {
    const state = computeClockState([{ type: 'start', at: at('2025-03-08', '10:00') }], {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-08', '12:00'),
    });
    expect(local(state.budgetStartedAt)).toBe('2025-03-10 07:00');
    expect(local(state.deadline)).toBe('2025-03-10 17:00');
    expect(state.elapsedWorkingMinutes).toBe(0);
  });

  it('has no deadline while paused and reports the open pause', () => {
    const state = computeClockState(supplementEntries.slice(0, 2), {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-12', '09:00'),
    });
    expect(state.status).toBe('paused');
    expect(state.deadline).toBeNull();
    expect(local(state.deadlineBeforePause)).toBe('2025-03-13 08:00');
    expect(state.pausedWorkingMinutes).toBe(DAY + 60);
    expect(state.elapsedWorkingMinutes).toBe(DAY);
    expect(state.supplementRequestCount).toBe(1);
    expect(state.pauses[0]).toMatchObject({ reason: 'supplement', party: 'applicant', to: null });
    expect(state.overdue).toBe(false);
  });

  it("'pause' mode shifts the deadline by the paused working time", () => {
    const state = computeClockState(supplementEntries, {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-17', '12:00'),
    });
    expect(state.status).toBe('running');
    expect(state.pausedWorkingMinutes).toBe(4 * DAY);
    expect(local(state.deadline)).toBe('2025-03-19 08:00');
    expect(local(state.originalDeadline)).toBe('2025-03-13 08:00');
    expect(state.elapsedWorkingMinutes).toBe(DAY + 210);
    expect(state.budgetRestarts).toBe(0);
  });

  it("'restart' mode restarts the budget from zero after a supplement (NĐ 61/2018)", () => {
    const state = computeClockState(supplementEntries, {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'restart',
      now: at('2025-03-17', '12:00'),
    });
    expect(local(state.budgetStartedAt)).toBe('2025-03-17 08:00');
    expect(local(state.deadline)).toBe('2025-03-20 08:00');
    expect(state.elapsedWorkingMinutes).toBe(210);
    expect(state.totalRunningWorkingMinutes).toBe(DAY + 210);
    expect(state.budgetRestarts).toBe(1);
  });

  it("'restart' mode restarts at the next opening when resumed outside hours", () => {
    const state = computeClockState(
      [...supplementEntries.slice(0, 2), { type: 'resume', at: at('2025-03-15', '10:00') }],
      { budgetMinutes: 3 * DAY, calendar, supplementClock: 'restart', now: at('2025-03-15', '12:00') },
    );
    expect(local(state.budgetStartedAt)).toBe('2025-03-17 07:00');
    expect(local(state.deadline)).toBe('2025-03-19 17:00');
  });

  it("'restart' mode still shifts for non-supplement pauses", () => {
    const entries: ClockEntry[] = [
      supplementEntries[0],
      { type: 'pause', at: at('2025-03-11', '08:00'), reason: 'consultation', party: 'agency' },
      supplementEntries[2],
    ];
    const state = computeClockState(entries, {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'restart',
      now: at('2025-03-17', '12:00'),
    });
    expect(local(state.deadline)).toBe('2025-03-19 08:00');
    expect(state.supplementRequestCount).toBe(0);
  });

  it('an extension sets the deadline, and later pauses still shift it', () => {
    const entries: ClockEntry[] = [
      { type: 'start', at: at('2025-03-10', '08:00') },
      {
        type: 'extend',
        at: at('2025-03-10', '15:00'),
        newDeadline: at('2025-03-14', '17:00'),
        reason: 'apology',
        legalBasis: 'NĐ 61/2018 Art. 19',
      },
      { type: 'pause', at: at('2025-03-12', '08:00'), reason: 'other', party: 'other' },
      { type: 'resume', at: at('2025-03-13', '08:00') },
    ];
    const state = computeClockState(entries, {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-13', '09:00'),
    });
    expect(local(state.originalDeadline)).toBe('2025-03-11 08:00');
    expect(local(state.deadline)).toBe('2025-03-17 17:00');
    expect(state.extensions).toHaveLength(1);
    expect(state.overdue).toBe(false);
  });

  it('an extension during a pause only shifts for the part of the pause after it', () => {
    const entries: ClockEntry[] = [
      { type: 'start', at: at('2025-03-10', '08:00') },
      { type: 'pause', at: at('2025-03-10', '09:00'), reason: 'other', party: 'other' },
      {
        type: 'extend',
        at: at('2025-03-12', '08:00'),
        newDeadline: at('2025-03-14', '17:00'),
        reason: 'apology',
        legalBasis: 'NĐ 61/2018 Art. 19',
      },
      { type: 'resume', at: at('2025-03-13', '08:00') },
    ];
    const state = computeClockState(entries, {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-13', '09:00'),
    });
    expect(local(state.deadline)).toBe('2025-03-17 17:00');
  });

  it('a stop freezes the clock and reports lateness at the stop', () => {
    const entries: ClockEntry[] = [
      { type: 'start', at: at('2025-03-10', '08:00') },
      { type: 'stop', at: at('2025-03-11', '10:00') },
    ];
    const state = computeClockState(entries, {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-04-01', '10:00'),
    });
    expect(state.status).toBe('stopped');
    expect(local(state.deadline)).toBe('2025-03-11 08:00');
    expect(state.elapsedWorkingMinutes).toBe(600);
    expect(state.overdue).toBe(true);
    expect(state.remainingWorkingMinutes).toBe(-120);
  });

  it('reports overdue while running past the deadline', () => {
    const state = computeClockState([{ type: 'start', at: at('2025-03-10', '08:00') }], {
      budgetMinutes: DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-11', '09:00'),
    });
    expect(state.overdue).toBe(true);
    expect(state.remainingWorkingMinutes).toBe(-60);
  });

  it('ignores entries after now and orders entries by time', () => {
    const state = computeClockState([...supplementEntries].reverse(), {
      budgetMinutes: 3 * DAY,
      calendar,
      supplementClock: 'pause',
      now: at('2025-03-12', '09:00'),
    });
    expect(state.status).toBe('paused');
  });

  describe('entries recorded before the counting start (received after the 15:00 cut-off, counted from the next working day)', () => {
    // Received Monday 16:00 after the cut-off: counting starts Tuesday 08:00; budget 2 working days.
    const start: ClockEntry = { type: 'start', at: at('2025-03-11', '08:00') };
    const options = (now: Date) => ({ budgetMinutes: 2 * DAY, calendar, supplementClock: 'pause' as const, now });

    it('a fee request that evening pauses from the counting start; paid the same evening, nothing is shifted', () => {
      const evening: ClockEntry[] = [
        start,
        { type: 'pause', at: at('2025-03-10', '16:30'), reason: 'payment', party: 'applicant' },
      ];
      expect(computeClockState(evening, options(at('2025-03-10', '17:00'))).status).toBe('not-started');
      const waiting = computeClockState(evening, options(at('2025-03-12', '08:00')));
      expect(waiting).toMatchObject({ status: 'paused', elapsedWorkingMinutes: 0, pausedWorkingMinutes: DAY });
      expect(local(waiting.pausedAt)).toBe('2025-03-11 08:00');

      const paidThatEvening = computeClockState([...evening, { type: 'resume', at: at('2025-03-10', '16:50') }], {
        ...options(at('2025-03-11', '12:00')),
      });
      expect(paidThatEvening).toMatchObject({
        status: 'running',
        elapsedWorkingMinutes: calendar.workingMinutesBetween(at('2025-03-11', '08:00'), at('2025-03-11', '12:00')),
        pausedWorkingMinutes: 0,
      });
      expect(local(paidThatEvening.deadline)).toBe('2025-03-13 08:00');

      const paidWednesday = computeClockState([...evening, { type: 'resume', at: at('2025-03-12', '08:00') }], {
        ...options(at('2025-03-12', '08:00')),
      });
      expect(local(paidWednesday.deadline)).toBe('2025-03-14 08:00');
    });

    it('a dossier withdrawn that evening ends a clock that never ran', () => {
      const state = computeClockState([start, { type: 'stop', at: at('2025-03-10', '16:30') }], {
        ...options(at('2025-03-12', '08:00')),
      });
      expect(state).toMatchObject({ status: 'stopped', startedAt: null, deadline: null, elapsedWorkingMinutes: 0 });
      expect(local(state.stoppedAt)).toBe('2025-03-10 16:30');
    });
  });

  it.each<[string, ClockEntry[]]>([
    ['pause before start', [{ type: 'pause', at: at('2025-03-10', '08:00'), reason: 'x', party: 'other' }]],
    ['resume while running', [supplementEntries[0], { type: 'resume', at: at('2025-03-10', '09:00') }]],
    ['double start', [supplementEntries[0], { type: 'start', at: at('2025-03-10', '09:00') }]],
    [
      'pause after stop',
      [
        supplementEntries[0],
        { type: 'stop', at: at('2025-03-10', '09:00') },
        { type: 'pause', at: at('2025-03-10', '10:00'), reason: 'x', party: 'other' },
      ],
    ],
  ])('rejects an invalid sequence: %s', (_name, entries) => {
    expect(() =>
      computeClockState(entries, {
        budgetMinutes: DAY,
        calendar,
        supplementClock: 'pause',
        now: at('2025-12-01', '08:00'),
      }),
    ).toThrow(expect.objectContaining({ code: 'deadline.invalid-clock-sequence', kind: 'conflict' }));
  });

  it("property: in 'pause' mode the deadline is the budget plus all paused working time after the start", () => {
    const base = at('2025-03-03', '07:00').getTime();
    const offsets = fc.uniqueArray(fc.integer({ min: 0, max: 60 * 24 * 40 }), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(offsets, fc.integer({ min: 0, max: 20 * DAY }), (raw, budget) => {
        const times = [...raw].sort((a, b) => a - b).map((minutes) => new Date(base + minutes * 60_000));
        const entries: ClockEntry[] = times.map((time, index) =>
          index === 0
            ? { type: 'start', at: time }
            : index % 2 === 1
              ? { type: 'pause', at: time, reason: 'supplement', party: 'applicant' }
              : { type: 'resume', at: time },
        );
        if (entries[entries.length - 1].type === 'pause') entries.pop();
        const state = computeClockState(entries, {
          budgetMinutes: budget,
          calendar,
          supplementClock: 'pause',
          now: new Date(base + 60 * 24 * 41 * 60_000),
        });
        const span = calendar.workingMinutesBetween(state.budgetStartedAt!, state.deadline!);
        expect(span).toBe(budget + state.pausedWorkingMinutes);
      }),
    );
  });
});
