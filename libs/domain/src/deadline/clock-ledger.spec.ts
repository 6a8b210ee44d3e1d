import { clockNeedsStop, clockResumeInstant, clockStopInstant } from './clock-ledger';
import { ClockEntry, computeClockState } from './clock-state';
import { WorkingCalendar } from '../calendar/working-calendar';

describe('clockNeedsStop', () => {
  it('is true for a started clock whose last entry is not a stop, false otherwise', () => {
    expect(clockNeedsStop([])).toBe(false);
    expect(clockNeedsStop([{ type: 'start' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'pause' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'extend' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'stop' }])).toBe(false);
  });
});

describe('clockStopInstant', () => {
  const at = new Date('2027-11-01T10:00:00Z');

  it('stops at the given instant when every entry is earlier or equal', () => {
    expect(clockStopInstant([{ at: new Date('2027-11-01T01:00:00Z') }, { at }], at)).toEqual(at);
    expect(clockStopInstant([], at)).toEqual(at);
  });

  it('stops at the start of a clock that starts later (received after the cut-off, ended before counting)', () => {
    const start = new Date('2027-11-02T00:30:00Z');
    expect(clockStopInstant([{ at: start }], at)).toEqual(start);
  });
});

describe('clockResumeInstant', () => {
  const start = new Date('2027-12-06T01:00:00Z'); // Monday 08:00 in Hà Nội
  const pausedAhead = new Date('2027-12-06T03:00:00Z'); // by a process whose clock runs 1 h ahead
  const resumedAt = new Date('2027-12-06T02:30:00Z');

  it('resumes at the given instant after an earlier pause', () => {
    expect(clockResumeInstant([{ at: start }, { at: pausedAhead }], new Date('2027-12-06T04:00:00Z'))).toEqual(
      new Date('2027-12-06T04:00:00Z'),
    );
  });

  it('regression (issue 17): a resume from a clock behind the pausing one ends the pause where it began, and the ledger stays computable', () => {
    const ledger = (resume: Date): ClockEntry[] => [
      { type: 'start', at: start },
      { type: 'pause', at: pausedAhead, reason: 'awaiting-payment', party: 'applicant' },
      { type: 'resume', at: resume },
    ];
    const options = {
      budgetMinutes: 20 * 8 * 60,
      calendar: new WorkingCalendar({ dayOverrides: [] }),
      supplementClock: 'pause' as const,
      now: new Date('2027-12-06T05:00:00Z'),
    };
    expect(() => computeClockState(ledger(resumedAt), options)).toThrow(/Cannot resume a clock that is running/);
    const resume = clockResumeInstant(ledger(resumedAt).slice(0, 2), resumedAt);
    expect(resume).toEqual(pausedAhead);
    expect(computeClockState(ledger(resume), options)).toMatchObject({ status: 'running' });
  });
});
