import {
  localDateAt,
  localWallClock,
  VIETNAM_TIME_ZONE_OFFSET_MINUTES,
  VIETNAM_TIME_ZONE_OFFSET_MS,
} from './vietnam-time';

describe('Vietnam time (UTC+7, no daylight saving): the one home of the offset', () => {
  it('is 7 hours in minutes and milliseconds', () => {
    expect(VIETNAM_TIME_ZONE_OFFSET_MINUTES).toBe(7 * 60);
    expect(VIETNAM_TIME_ZONE_OFFSET_MS).toBe(7 * 3_600_000);
  });

  it('local date turns at 17:00 UTC (midnight in Hà Nội), summer and winter alike', () => {
    expect(localDateAt(new Date('2026-01-05T16:59:59Z'))).toBe('2026-01-05');
    expect(localDateAt(new Date('2026-01-05T17:00:00Z'))).toBe('2026-01-06');
    expect(localDateAt(new Date('2026-07-05T17:00:00Z'))).toBe('2026-07-06');
    expect(localDateAt(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });

  it('wall clock reads local hours through the UTC fields; another offset can be given', () => {
    expect(localWallClock(new Date('2026-03-02T01:30:00Z')).getUTCHours()).toBe(8);
    expect(localDateAt(new Date('2026-01-05T17:00:00Z'), 0)).toBe('2026-01-05');
  });
});
