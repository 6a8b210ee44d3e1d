import { DossierFacts, foldDossierEvent, IndicatorEvent, ProcedureResultType } from './dossier-facts';
import { contributionDelta, dossierContributions } from './indicator-contributions';
import { countsAsOnlineSubmission, QD766_2022 } from './indicator-rules';

/**
 * QĐ 766 (as the national portal computes it): online submission rate = online dossiers (where a paper result is
 * required, also with an electronic result) ÷ all received. A paper result is required for result type 'paper' or
 * 'both'; the result type is pinned at reception (the intake event).
 */
const at = (wall: string) => new Date(`${wall}+07:00`).toISOString();

function accepted(channel: string, resultType?: ProcedureResultType, procedureResultType?: string): IndicatorEvent {
  return {
    dossierId: 'd1',
    type: 'intake-accepted',
    payload: {
      code: 'X-1',
      procedureId: 'p1',
      procedureCode: '1.000001',
      channel,
      receivedAt: at('2031-03-03T08:00:00'),
      appointmentAt: at('2031-03-10T08:00:00'),
      ...(resultType ? { resultType } : {}),
    },
    occurredAt: new Date(at('2031-03-03T08:00:00')),
    receivingAgencyId: 'a1',
    ...(procedureResultType !== undefined ? { procedureResultType } : {}),
  };
}
const resultAttached = (digitized: boolean, wall = '2031-03-20T09:00:00'): IndicatorEvent => ({
  dossierId: 'd1',
  type: 'result-attached',
  payload: { digitized },
  occurredAt: new Date(at(wall)),
});
const fold = (events: IndicatorEvent[]) =>
  events.reduce<DossierFacts | null>((facts, next) => foldDossierEvent(facts, next), null);
const counted = (facts: DossierFacts | null) =>
  dossierContributions(facts, QD766_2022)
    .filter((c) => c.metric === 'received.online-counted')
    .map((c) => c.day);

describe('online submission rate (QĐ 766: an electronic result where a paper result is required)', () => {
  it('pins the result type of the intake event, or the procedure’s for events that predate it', () => {
    expect(fold([accepted('online', 'both')])?.resultType).toBe('both');
    expect(fold([accepted('online', 'electronic', 'paper')])?.resultType).toBe('electronic');
    expect(fold([accepted('online', undefined, 'paper')])?.resultType).toBe('paper');
    expect(fold([accepted('online', undefined, 'nonsense')])?.resultType).toBeNull();
  });

  it('counts an online dossier of an electronic-result procedure at once, on its reception day', () => {
    expect(counted(fold([accepted('online', 'electronic')]))).toEqual(['2031-03-03']);
  });

  it.each<ProcedureResultType>(['paper', 'both'])(
    'counts an online dossier of a %s-result procedure only once it has an electronic result',
    (resultType) => {
      const without = fold([accepted('online', resultType), resultAttached(false)]);
      expect(counted(without)).toEqual([]);
      const withElectronic = fold([accepted('online', resultType), resultAttached(true)]);
      // Counted on the reception day (the denominator's period), not on the day the result was attached.
      expect(counted(withElectronic)).toEqual(['2031-03-03']);
    },
  );

  it('treats an unknown result type as requiring a paper result', () => {
    const unknown = fold([accepted('online')])!;
    expect(countsAsOnlineSubmission(unknown, QD766_2022)).toBe(false);
    expect(countsAsOnlineSubmission({ ...unknown, digitizedResult: true }, QD766_2022)).toBe(true);
  });

  it('never counts an in-person or postal dossier, whatever its result', () => {
    for (const channel of ['in-person', 'postal'])
      expect(counted(fold([accepted(channel, 'electronic'), resultAttached(true)]))).toEqual([]);
  });

  it('moves the reception day’s counter when the electronic result arrives later (the subscriber’s delta)', () => {
    const before = fold([accepted('online', 'paper')]);
    const after = foldDossierEvent(before, resultAttached(true));
    expect(Object.fromEntries(contributionDelta(before, after, QD766_2022))).toEqual({
      '2031-03-03|received.online-counted': 1,
    });
  });

  it('states the reading in the rule set (configuration named after its source)', () => {
    expect(QD766_2022.onlineSubmission.paperResultTypes).toEqual(['paper', 'both']);
    expect(QD766_2022.formulas.online.legalSource).toMatch(/QĐ 766.*paper result is required/);
    expect(QD766_2022.formulas.online.description).toMatch(/'paper' or 'both'.*electronic \(digitized\) result/);
  });
});
