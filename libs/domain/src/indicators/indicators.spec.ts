import { DossierFacts, foldDossierEvent, IndicatorEvent } from './dossier-facts';
import { contributionDelta, dossierContributions, openDossierStateAt } from './indicator-contributions';
import { getIndicatorRuleSet, getIndicatorTargetSet, PROVINCE_PLAN_2030, QD766_2022 } from './indicator-rules';
import { computeIndicators, IndicatorInput } from './indicator-values';
import { addCounterToRow, addOpenToRow, emptyReportRow, totalReportRow } from './resolution-report';

const at = (wall: string) => new Date(`${wall}+07:00`);
const event = (
  type: string,
  wall: string,
  payload: Record<string, unknown> = {},
  extra: Partial<IndicatorEvent> = {},
) => ({
  dossierId: 'd1',
  type,
  payload,
  occurredAt: at(wall),
  ...extra,
});

function accepted(wall: string, appointment: string, channel = 'in-person'): IndicatorEvent {
  return event(
    'intake-accepted',
    wall,
    {
      code: 'X-1',
      procedureId: 'p1',
      procedureCode: '1.000001',
      channel,
      receivedAt: at(wall).toISOString(),
      appointmentAt: at(appointment).toISOString(),
      legalTimeMinutes: 2400,
    },
    { receivingAgencyId: 'a1' },
  );
}

function fold(events: IndicatorEvent[]): DossierFacts | null {
  return events.reduce<DossierFacts | null>((facts, next) => foldDossierEvent(facts, next), null);
}

const metrics = (facts: DossierFacts | null) =>
  dossierContributions(facts, QD766_2022)
    .map((c) => `${c.day} ${c.metric}`)
    .sort();

describe('indicator rules (versioned configuration)', () => {
  it('names each formula after its source and carries the plans’ targets', () => {
    expect(getIndicatorRuleSet('QD766-2022').formulas.onTime.legalSource).toMatch(/QĐ 766/);
    expect(getIndicatorTargetSet('KH-2021-2025').targets).toMatchObject({
      online: 0.5,
      electronicHandover: 0.8,
      satisfaction: 0.9,
      reuse: 0.8,
    });
    expect(PROVINCE_PLAN_2030.targets.online).toBe(0.7);
    expect(() => getIndicatorRuleSet('nope')).toThrow(/Unknown indicator rule set/);
  });
});

describe('foldDossierEvent and contributions', () => {
  it('ignores events before acceptance and sub-dossiers', () => {
    expect(fold([event('step-started', '2031-03-03T08:00:00', { agencyId: 'a1' })])).toBeNull();
    const sub = accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00');
    sub.payload.parentDossierId = 'parent';
    expect(fold([sub])).toBeNull();
  });

  it('counts an early result, a hand-over per agency change and a digitized result', () => {
    const facts = fold([
      accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00', 'online'),
      event('step-started', '2031-03-03T08:00:00', { agencyId: 'a1' }, { stepHandover: 'electronic' }),
      event('step-started', '2031-03-04T08:00:00', { agencyId: 'a2' }, { stepHandover: 'electronic' }),
      event('step-started', '2031-03-05T08:00:00', { agencyId: 'a2' }, { stepHandover: 'paper' }),
      event('step-started', '2031-03-06T08:00:00', { agencyId: 'a1' }, { stepHandover: 'paper' }),
      event('result-attached', '2031-03-06T09:00:00', { digitized: true }),
      event('result-ready', '2031-03-06T10:00:00'),
      event('result-returned', '2031-03-07T10:00:00'),
    ]);
    expect(facts).toMatchObject({ endKind: 'result', returnedAt: at('2031-03-07T10:00:00').toISOString() });
    expect(metrics(facts)).toEqual([
      '2031-03-03 received',
      // Online with an electronic result (no result type in the event: the stricter reading, which it meets).
      '2031-03-03 received.online-counted',
      '2031-03-04 handover.electronic',
      '2031-03-04 handover.total',
      '2031-03-06 handover.total',
      '2031-03-06 national.on-time',
      '2031-03-06 resolved.early',
      '2031-03-06 result.digitized',
      '2031-03-06 result.needed',
    ]);
  });

  it('subtracts a completed supplement wait for the national indicator but judges the report by the moved date', () => {
    // Appointment Mon 10 Mar 08:00; waited Tue 4 Mar 08:00 → Thu 6 Mar 08:00 (2 days), appointment moved to 12 Mar.
    const facts = fold([
      accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00'),
      event('supplement-requested', '2031-03-04T08:00:00'),
      event('supplement-received', '2031-03-06T08:00:00', { appointmentAt: at('2031-03-12T08:00:00').toISOString() }),
      event('result-ready', '2031-03-11T17:00:00'),
    ]);
    expect(metrics(facts)).toEqual([
      '2031-03-03 received',
      '2031-03-04 supplement.requested',
      '2031-03-11 national.on-time',
      '2031-03-11 resolved.early',
      '2031-03-11 result.needed',
    ]);
    // One hour later than the receipt appointment plus the wait: late for both.
    const late = fold([
      accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00'),
      event('supplement-requested', '2031-03-04T08:00:00'),
      event('supplement-received', '2031-03-06T08:00:00', { appointmentAt: at('2031-03-12T08:00:00').toISOString() }),
      event('result-ready', '2031-03-13T09:00:00'),
    ]);
    expect(metrics(late)).toContain('2031-03-13 national.late');
    expect(metrics(late)).toContain('2031-03-13 resolved.late');
  });

  it('makes two supplement requests late for the national indicator even when early by date', () => {
    const facts = fold([
      accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00'),
      event('supplement-requested', '2031-03-03T09:00:00'),
      event('supplement-received', '2031-03-03T10:00:00'),
      event('supplement-requested', '2031-03-03T11:00:00'),
      event('supplement-received', '2031-03-03T13:30:00'),
      event('result-ready', '2031-03-04T09:00:00'),
    ]);
    expect(metrics(facts)).toEqual(expect.arrayContaining(['2031-03-04 national.late', '2031-03-04 resolved.early']));
  });

  it('counts a withdrawal as withdrawn, not resolved, and payments by channel', () => {
    const facts = fold([
      accepted('2031-03-03T08:00:00', '2031-03-10T08:00:00', 'postal'),
      event('payment-requested', '2031-03-03T09:00:00', { amount: 50000 }),
      event('payment-paid', '2031-03-03T10:00:00', { channel: 'desk' }),
      event('document-reused', '2031-03-04T10:00:00'),
      event('withdrawn', '2031-03-05T10:00:00'),
    ]);
    expect(metrics(facts)).toEqual([
      '2031-03-03 fee.requested',
      '2031-03-03 paid.desk',
      '2031-03-03 received',
      '2031-03-03 reused',
      '2031-03-05 national.on-time',
      '2031-03-05 withdrawn',
    ]);
  });

  it('gives the delta between two fact states (what the subscriber writes)', () => {
    const before = fold([accepted('2031-03-03T08:00:00', '2031-03-04T08:00:00')]);
    const after = foldDossierEvent(before, event('result-ready', '2031-03-05T08:00:00'));
    expect(Object.fromEntries(contributionDelta(before, after, QD766_2022))).toEqual({
      '2031-03-05|resolved.late': 1,
      '2031-03-05|national.late': 1,
      '2031-03-05|result.needed': 1,
      // Level deltas: no longer open, late or overdue from the end day on.
      '2031-03-05|level.open': -1,
      '2031-03-05|level.national-late': -1,
      '2031-03-05|level.overdue': -1,
    });
    expect(contributionDelta(after, after, QD766_2022).size).toBe(0);
  });
});

describe('openDossierStateAt', () => {
  const facts = fold([
    accepted('2031-03-03T08:00:00', '2031-03-05T08:00:00'),
    event('supplement-requested', '2031-03-04T08:00:00'),
  ])!;

  it('is within time while waiting for the applicant, judged at the request', () => {
    expect(openDossierStateAt(facts, at('2031-03-31T23:59:59'), QD766_2022)).toEqual({
      open: true,
      waitingForSupplement: true,
      report: 'within-time',
      nationalOnTime: true,
    });
  });

  it('is overdue once the due date is before the period end, and not open before reception', () => {
    const running = fold([accepted('2031-03-03T08:00:00', '2031-03-05T08:00:00')])!;
    expect(openDossierStateAt(running, at('2031-03-06T23:59:59'), QD766_2022)).toMatchObject({
      report: 'overdue',
      nationalOnTime: false,
    });
    expect(openDossierStateAt(running, at('2031-03-05T23:59:59'), QD766_2022)).toMatchObject({
      report: 'within-time',
      nationalOnTime: false,
    });
    expect(openDossierStateAt(running, at('2031-03-02T23:59:59'), QD766_2022).open).toBe(false);
  });
});

describe('computeIndicators', () => {
  const input: IndicatorInput = {
    sums: {
      received: 10,
      'national.on-time': 6,
      'national.late': 2,
      'resolved.early': 4,
      'resolved.on-time': 2,
      'resolved.late': 2,
      'handover.total': 5,
      'handover.electronic': 4,
      'fee.requested': 4,
      'paid.online': 1,
      'paid.desk': 3,
      'result.needed': 8,
      'result.digitized': 2,
      reused: 3,
      'rated.dissatisfied': 1,
      'received.online-counted': 5,
    },
    receivedByChannel: { online: 6, 'in-person': 3, postal: 1 },
    openAtEnd: { total: 2, nationalOnTime: 1 },
    feeBearingProcedures: 4,
    feeBearingProceduresPayableOnline: 4,
    feeBearingProceduresPaidOnline: 1,
    feeBearingProceduresWithFeeData: 2,
  };
  const values = Object.fromEntries(
    computeIndicators(input, QD766_2022, getIndicatorTargetSet('KH-2021-2025')).map((value) => [value.id, value]),
  );

  it('computes each ratio with its target and verdict', () => {
    expect(values.onTime).toMatchObject({ numerator: 7, denominator: 10, value: 0.7, target: 0.95, met: false });
    // 5 of the 6 online dossiers count (one lacks the electronic result its paper-result procedure requires).
    expect(values.online).toMatchObject({ numerator: 5, denominator: 10, value: 0.5, met: true });
    expect(values.online.details).toMatchObject({
      online: 6,
      onlineShare: 0.6,
      onlineWithoutRequiredElectronicResult: 1,
      inPersonShare: 0.3,
      postalShare: 0.1,
    });
    expect(values.electronicHandover).toMatchObject({ value: 0.8, met: true });
    expect(values.onlinePayment).toMatchObject({ numerator: 1, denominator: 4, value: 0.25, met: false });
    // A = 1/4, B = 1/4, C = 2/4 → 6·0.25 + min(2, 2.5·0.25) + 2.5·0.5 = 1.5 + 0.625 + 1.25
    expect(values.onlinePayment.details).toMatchObject({ a: 0.25, b: 0.25, c: 0.5, score: 3.375 });
    expect(values.digitizedResults).toMatchObject({ value: 0.25, met: false });
    expect(values.reuse).toMatchObject({ value: 0.3 });
    // (8 resolved − 2 late − 1 dissatisfied) ÷ 8
    expect(values.satisfaction).toMatchObject({ numerator: 5, denominator: 8, value: 0.625 });
    expect(values.onTime.formula).toBe('qd766.on-time');
  });

  it('scores the ratios as the national index does (QĐ 766), by hand', () => {
    // Progress: 20 × 7/10 = 14. Satisfaction: min(6, 6 × 0.625 ÷ 0.9) = 6 × 0.694444… = 4.166667.
    expect(values.onTime.details).toMatchObject({ score: 14, maxScore: 20 });
    expect(values.satisfaction.details).toMatchObject({ score: 4.166667, maxScore: 6 });
    // Electronic results: 6 × 2/8 = 1.5. Reuse: 3/10 = 30 %, full at 80 % → 2 × 0.3 ÷ 0.8 = 0.75.
    expect(values.digitizedResults.details).toMatchObject({ score: 1.5, maxScore: 6 });
    expect(values.reuse.details).toMatchObject({ score: 0.75, maxScore: 2 });
    // Capped at the full score: satisfaction 95 % ≥ 90 % → 6; reuse 85 % ≥ 80 % → 2.
    const high = Object.fromEntries(
      computeIndicators(
        {
          ...input,
          sums: { ...input.sums, 'resolved.late': 0, 'rated.dissatisfied': 0, 'resolved.early': 20, reused: 9 },
        },
        QD766_2022,
        getIndicatorTargetSet('KH-2021-2025'),
      ).map((value) => [value.id, value]),
    );
    expect(high.satisfaction.details).toMatchObject({ score: 6 });
    expect(high.reuse.details).toMatchObject({ score: 2 });
  });

  it('has no value (and no verdict) when nothing was counted', () => {
    const empty = computeIndicators(
      { ...input, sums: {}, receivedByChannel: {}, openAtEnd: { total: 0, nationalOnTime: 0 } },
      QD766_2022,
      getIndicatorTargetSet('KH-2021-2025'),
    );
    expect(empty.find((value) => value.id === 'online')).toMatchObject({ value: null, met: null });
    // A zero denominator gives no score either (not 0 points, not a division by zero).
    expect(empty.find((value) => value.id === 'onTime')?.details).toMatchObject({ score: null, maxScore: 20 });
    expect(empty.find((value) => value.id === 'satisfaction')?.details).toMatchObject({ score: null });
  });
});

describe('resolution report rows', () => {
  it('balances carried over + received with resolved + withdrawn + in progress', () => {
    const row = emptyReportRow('p1', 'Thủ tục 1');
    row.received.carriedOver = 2;
    addCounterToRow(row, 'received', 'online', 3);
    addCounterToRow(row, 'received', 'postal', 1);
    addCounterToRow(row, 'resolved.early', 'online', 2);
    addCounterToRow(row, 'resolved.late', 'postal', 1);
    addCounterToRow(row, 'withdrawn', 'online', 1);
    addOpenToRow(row, 'overdue');
    addOpenToRow(row, 'within-time');
    expect(row.received).toEqual({ total: 4, online: 3, inPersonOrPostal: 1, carriedOver: 2 });
    expect(row.received.total + row.received.carriedOver).toBe(
      row.resolved.total + row.withdrawn + row.inProgress.total,
    );
    expect(totalReportRow([row, row]).inProgress).toEqual({ total: 4, withinTime: 2, overdue: 2 });
  });
});
