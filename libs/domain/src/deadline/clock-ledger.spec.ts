import { clockNeedsStop } from './clock-ledger';

describe('clockNeedsStop', () => {
  it('is true for a started clock whose last entry is not a stop, false otherwise', () => {
    expect(clockNeedsStop([])).toBe(false);
    expect(clockNeedsStop([{ type: 'start' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'pause' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'extend' }])).toBe(true);
    expect(clockNeedsStop([{ type: 'start' }, { type: 'stop' }])).toBe(false);
  });
});
