import { addCalendarDays } from '@motcua/domain';
import { lastDayOfMonth, monthOf, nextMonth, splitCounterPeriod } from './counter-period';

/** The split as consecutive day ranges in order (whole months expanded to their first and last day). */
function ranges(fromDay: string, toDay: string): Array<{ from: string; to: string }> {
  const split = splitCounterPeriod(fromDay, toDay);
  const all = [...split.days];
  if (split.months) all.push({ from: split.months.from, to: lastDayOfMonth(split.months.to) });
  return all.sort((a, b) => (a.from < b.from ? -1 : 1));
}

describe('splitCounterPeriod', () => {
  it('reads whole months from the roll-ups and only the edge days day by day', () => {
    expect(splitCounterPeriod('2031-01-01', '2031-03-31')).toEqual({
      days: [],
      months: { from: '2031-01-01', to: '2031-03-01' },
    });
    expect(splitCounterPeriod('2030-06-15', '2031-06-02')).toEqual({
      days: [
        { from: '2030-06-15', to: '2030-06-30' },
        { from: '2031-06-01', to: '2031-06-02' },
      ],
      months: { from: '2030-07-01', to: '2031-05-01' },
    });
    // Leap February, a month to date, a single day, and a period inside one month.
    expect(splitCounterPeriod('2032-02-01', '2032-02-29').months).toEqual({ from: '2032-02-01', to: '2032-02-01' });
    expect(splitCounterPeriod('2031-06-01', '2031-06-02')).toEqual({
      days: [{ from: '2031-06-01', to: '2031-06-02' }],
      months: null,
    });
    expect(splitCounterPeriod('2031-06-10', '2031-06-10')).toEqual({
      days: [{ from: '2031-06-10', to: '2031-06-10' }],
      months: null,
    });
    expect(splitCounterPeriod('2031-06-10', '2031-06-09')).toEqual({ days: [], months: null });
  });

  it('covers every day of any period exactly once (500 periods)', () => {
    let seed = 17;
    const next = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % bound;
    };
    for (let run = 0; run < 500; run++) {
      const fromDay = addCalendarDays('2030-01-01', next(900));
      const toDay = addCalendarDays(fromDay, next(500));
      // Consecutive, non-overlapping, from the first day to the last: every day exactly once.
      const parts = ranges(fromDay, toDay);
      expect(parts[0].from).toBe(fromDay);
      expect(parts[parts.length - 1].to).toBe(toDay);
      for (let index = 1; index < parts.length; index++) {
        expect(parts[index].from).toBe(addCalendarDays(parts[index - 1].to, 1));
      }
      for (const part of parts) expect(part.from <= part.to).toBe(true);
      const split = splitCounterPeriod(fromDay, toDay);
      if (split.months) expect(split.months.from.endsWith('-01') && split.months.to.endsWith('-01')).toBe(true);
      expect(split.days.length).toBeLessThanOrEqual(2);
    }
  });

  it('knows month starts and ends', () => {
    expect(monthOf('2031-12-31')).toBe('2031-12-01');
    expect(nextMonth('2031-12-31')).toBe('2032-01-01');
    expect(nextMonth('2031-01-31')).toBe('2031-02-01');
    expect(lastDayOfMonth('2031-02-10')).toBe('2031-02-28');
  });
});
