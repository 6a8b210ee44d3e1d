import { OPEN_DOSSIER_STATUSES_SQL, RUNNING_CLOCK_DOSSIER_STATUSES_SQL, sqlWordList } from './dossier-status-sql';

describe('dossier status lists in SQL', () => {
  it('are the domain lists, written as literals in the order of the partial index dossier_open_appointment_idx', () => {
    expect(OPEN_DOSSIER_STATUSES_SQL).toBe(`('received', 'processing', 'awaiting-supplement', 'awaiting-payment')`);
    expect(RUNNING_CLOCK_DOSSIER_STATUSES_SQL).toBe(`('received', 'processing', 'awaiting-payment')`);
  });

  it('refuse anything that is not a plain status word (no SQL can slip in)', () => {
    expect(() => sqlWordList(["x'); DROP TABLE dossier; --"])).toThrow('not a status word');
    expect(() => sqlWordList(['Received'])).toThrow('not a status word');
  });
});
