import { clockNeedsStop, clockStopInstant } from './clock-ledger';

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
