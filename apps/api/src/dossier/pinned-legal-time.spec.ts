import { pinnedLegalTime } from './dossier-forms.use-case';

describe('legal time printed on form 01 is the one pinned on the dossier', () => {
  it('uses the procedure wording while the catalog still says the same time', () => {
    expect(pinnedLegalTime(240, { legalTimeMinutes: 240, legalTimeValue: 0.5, legalTimeUnit: 'working-days' })).toEqual(
      {
        amount: 0.5,
        unit: 'working-day',
      },
    );
    expect(pinnedLegalTime(240, { legalTimeMinutes: 240, legalTimeValue: 4, legalTimeUnit: 'working-hours' })).toEqual({
      amount: 4,
      unit: 'working-hour',
    });
  });

  it('after a catalog change prints the pinned minutes: whole days when whole, else hours', () => {
    // Received with 1 working day (480 min), the catalog now says 4 working hours.
    const now4h = { legalTimeMinutes: 240, legalTimeValue: 4, legalTimeUnit: 'working-hours' as const };
    expect(pinnedLegalTime(480, now4h)).toEqual({ amount: 1, unit: 'working-day' });
    expect(pinnedLegalTime(2400, now4h)).toEqual({ amount: 5, unit: 'working-day' });
    expect(pinnedLegalTime(90, now4h)).toEqual({ amount: 1.5, unit: 'working-hour' });
  });
});
