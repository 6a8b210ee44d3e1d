import { addCalendarDays } from '@motcua/domain';
import { counterParts, END_OF_TIME, lastDayOfMonth, monthOf, nextMonth } from './counter-period';

/** How many times each day counts in the parts (months expanded to their days), days outside included. */
function dayWeights(fromDay: string, toDay: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of counterParts(fromDay, toDay)) {
    const last = part.table === 'daily' ? part.to : lastDayOfMonth(part.to);
    for (let day = part.from; day <= last; day = addCalendarDays(day, 1)) {
      weights.set(day, (weights.get(day) ?? 0) + part.sign);
    }
  }
  for (const [day, weight] of weights) if (weight === 0) weights.delete(day);
  return weights;
}

const daysRead = (fromDay: string, toDay: string) =>
  counterParts(fromDay, toDay)
    .filter((part) => part.table === 'daily')
    .reduce((total, part) => total + dayWeights(part.from, part.to).size, 0);

describe('counterParts', () => {
  it('reads whole months from the roll-ups, a mostly covered edge month as its roll-up minus the days left out', () => {
    expect(counterParts('2031-01-01', '2031-03-31')).toEqual([
      { table: 'monthly', from: '2031-01-01', to: '2031-03-01', sign: 1 },
    ]);
    // 12 months to 2 June: June 2030 minus its first two days, July..May, 1-2 June 2031 day by day.
    expect(counterParts('2030-06-03', '2031-06-02')).toEqual([
      { table: 'daily', from: '2030-06-01', to: '2030-06-02', sign: -1 },
      { table: 'daily', from: '2031-06-01', to: '2031-06-02', sign: 1 },
      { table: 'monthly', from: '2030-06-01', to: '2031-05-01', sign: 1 },
    ]);
    expect(counterParts('2031-06-01', '2031-06-02')).toEqual([
      { table: 'daily', from: '2031-06-01', to: '2031-06-02', sign: 1 },
    ]);
    expect(counterParts('2031-05-02', '2031-05-30')).toEqual([
      { table: 'daily', from: '2031-05-01', to: '2031-05-01', sign: -1 },
      { table: 'daily', from: '2031-05-31', to: '2031-05-31', sign: -1 },
      { table: 'monthly', from: '2031-05-01', to: '2031-05-01', sign: 1 },
    ]);
    expect(counterParts('2032-02-01', '2032-02-29')).toEqual([
      { table: 'monthly', from: '2032-02-01', to: '2032-02-01', sign: 1 },
    ]);
    expect(counterParts('2031-06-10', '2031-06-09')).toEqual([]);
    // Everything after a day (the open levels): the rest of its month, then every later month.
    expect(counterParts('2031-06-03', END_OF_TIME)).toEqual([
      { table: 'daily', from: '2031-06-01', to: '2031-06-02', sign: -1 },
      { table: 'monthly', from: '2031-06-01', to: '9999-12-01', sign: 1 },
    ]);
  });

  it('counts every day of any period exactly once and reads at most about half a month at each edge (300 periods)', () => {
    let seed = 17;
    const next = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % bound;
    };
    for (let run = 0; run < 300; run++) {
      const fromDay = addCalendarDays('2030-01-01', next(700));
      const toDay = addCalendarDays(fromDay, next(400));
      const weights = dayWeights(fromDay, toDay);
      const expected = new Map<string, number>();
      for (let day = fromDay; day <= toDay; day = addCalendarDays(day, 1)) expected.set(day, 1);
      expect(weights).toEqual(expected);
      expect(daysRead(fromDay, toDay)).toBeLessThanOrEqual(31);
    }
  });

  it('knows month starts and ends', () => {
    expect(monthOf('2031-12-31')).toBe('2031-12-01');
    expect(nextMonth('2031-12-31')).toBe('2032-01-01');
    expect(nextMonth('2031-01-31')).toBe('2031-02-01');
    expect(lastDayOfMonth('2031-02-10')).toBe('2031-02-28');
  });
});
