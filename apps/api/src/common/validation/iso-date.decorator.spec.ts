import { isIsoDate, isIsoInstant } from './iso-date.decorator';

describe('isIsoDate / isIsoInstant', () => {
  it('accepts existing dates and instants with an offset', () => {
    expect(['2026-11-26', '2028-02-29', '2026-12-31'].filter((value) => !isIsoDate(value))).toEqual([]);
    expect(
      ['2026-11-26T08:00:00+07:00', '2026-11-26T01:00:00Z', '2026-11-26T01:00Z', '2026-11-26T01:00:00.123Z'].filter(
        (value) => !isIsoInstant(value),
      ),
    ).toEqual([]);
  });

  it('refuses compact, impossible, offset-less and non-string values', () => {
    const dates = [
      '20261126',
      '2026-02-30',
      '2027-02-29',
      '2026-13-01',
      '0000-01-01',
      '2026-1-1',
      ' 2026-11-26',
      20261126,
    ];
    expect(dates.filter((value) => isIsoDate(value))).toEqual([]);
    const instants = [
      '20261126T080000Z',
      '2026-02-30T08:00:00Z',
      '2026-11-26T24:00:00Z',
      '2026-11-26T08:60:00Z',
      '2026-11-26T08:00:00',
      '2026-11-26',
      '2026-11-26T08:00:00+15:00',
      '2026-11-26T08:00:00.1234567Z',
      null,
      { toString: () => '2026-11-26T08:00:00Z' },
    ];
    expect(instants.filter((value) => isIsoInstant(value))).toEqual([]);
  });

  it('refuses years outside 1900–9899 (local-date arithmetic and clear messages stop working there)', () => {
    // Before: 0001-01-01 passed validation then failed as "not a date YYYY-MM-DD", 9999-01-01..9999-12-31 as "a
    // period spans at most 1098 days", and a tracking register of December 9999 as 'Invalid local date "10000-01-01"'.
    expect(['0001-01-01', '1899-12-31', '9900-01-01', '9999-12-31'].filter((value) => isIsoDate(value))).toEqual([]);
    expect(['0001-01-01T00:00:00Z', '9999-12-31T23:59:00Z'].filter((value) => isIsoInstant(value))).toEqual([]);
    expect(['1900-01-01', '9899-12-31'].filter((value) => !isIsoDate(value))).toEqual([]);
  });
});
