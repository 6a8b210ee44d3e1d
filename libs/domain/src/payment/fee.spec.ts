import { DomainError } from '../errors/domain-error';
import { assessFees, feeBasisOf, formatVnd, MAX_FEE_VND, sumVnd } from './fee';
import { decideNotification, assertPayable, paymentTxnRef } from './payment-request';
import { paymentClockRule } from './payment-clock-rule';

const basis = { itemCount: 3, setCount: 2, applicantGroups: [] as string[] };

describe('fee assessment (integer VND)', () => {
  it('owes nothing under a none rule', () => {
    expect(assessFees({ mode: 'none', amount: 0, paid: 'before' }, basis)).toEqual({
      lines: [],
      total: 0,
      timing: 'before',
    });
  });

  it('charges a fixed fee once, per item by items, per set by sets', () => {
    expect(assessFees({ mode: 'fixed', amount: 50000, paid: 'before' }, basis).total).toBe(50000);
    const perItem = assessFees({ mode: 'per-item', amount: 8000, paid: 'at-intake', label: 'Phí chứng thực' }, basis);
    expect(perItem).toEqual({
      lines: [
        { code: 'le-phi', label: 'Phí chứng thực', quantity: 3, unitAmount: 8000, amount: 24000, exemption: null },
      ],
      total: 24000,
      timing: 'at-intake',
    });
    expect(assessFees({ mode: 'per-set', amount: 100000, paid: 'after' }, basis).total).toBe(200000);
  });

  it('zeroes the line for an exempt applicant group and names the exemption', () => {
    const rule = {
      mode: 'fixed' as const,
      amount: 50000,
      paid: 'before' as const,
      exemptApplicantGroups: ['ho-ngheo'],
    };
    const assessed = assessFees(rule, { ...basis, applicantGroups: ['ho-ngheo'] });
    expect(assessed.total).toBe(0);
    expect(assessed.lines[0]).toMatchObject({ amount: 0, exemption: 'ho-ngheo', unitAmount: 50000 });
    expect(assessFees(rule, { ...basis, applicantGroups: ['other'] }).total).toBe(50000);
  });

  it('refuses fractional or unsafe amounts', () => {
    expect(() => assessFees({ mode: 'fixed', amount: 1000.5, paid: 'before' }, basis)).toThrow(DomainError);
    expect(() => assessFees({ mode: 'per-item', amount: 2 ** 52, paid: 'before' }, basis)).toThrow(/whole number/);
    expect(() => sumVnd([1, 0.1])).toThrow(DomainError);
    expect(sumVnd([100000, 24000])).toBe(124000);
  });

  it('refuses a fee over the cap one dossier can be asked to pay, however it is reached', () => {
    const perItem = { mode: 'per-item', amount: MAX_FEE_VND, paid: 'before' } as const;
    expect(assessFees(perItem, { ...basis, itemCount: 1 }).total).toBe(MAX_FEE_VND);
    expect(() => assessFees(perItem, { ...basis, itemCount: 2 })).toThrow(/over the largest fee/);
    // 100 documents × 100 copies × 10^13 VND is past Number.MAX_SAFE_INTEGER: refused, never rounded.
    expect(() => assessFees(perItem, { ...basis, itemCount: 100 * 100 })).toThrow(DomainError);
    expect(() =>
      assessFees({ mode: 'per-set', amount: MAX_FEE_VND / 2 + 1, paid: 'after' }, { ...basis, setCount: 2 }),
    ).toThrow(/over the largest fee/);
  });

  it('reads the fee basis of a dossier: copies summed, sets, exemption groups', () => {
    expect(
      feeBasisOf({
        documents: [{ count: 2 }, { count: 3 }, {}],
        numberOfSets: 2,
        applicant: { name: 'A', exemptionGroups: ['ho-ngheo', 7] },
      }),
    ).toEqual({ itemCount: 5, setCount: 2, applicantGroups: ['ho-ngheo', '7'] });
    expect(feeBasisOf({ documents: null, numberOfSets: 1, applicant: null })).toEqual({
      itemCount: 0,
      setCount: 1,
      applicantGroups: [],
    });
  });

  it('prints VND with the Vietnamese thousands separator', () => {
    expect(formatVnd(1234567)).toBe('1.234.567 đ');
    expect(formatVnd(0)).toBe('0 đ');
  });
});

describe('gateway notification decision', () => {
  const now = new Date('2026-01-05T03:00:00Z');
  const pending = { status: 'pending' as const, amount: 50000, expiresAt: new Date('2026-01-05T04:00:00Z') };

  it('checks the amount first, then whether already confirmed', () => {
    expect(decideNotification(pending, { amountVnd: 50001, paid: true }, now, 'honour')).toEqual({
      answer: 'invalid-amount',
    });
    expect(decideNotification(pending, { amountVnd: null, paid: true }, now, 'honour')).toEqual({
      answer: 'invalid-amount',
    });
    expect(decideNotification({ ...pending, status: 'paid' }, { amountVnd: 50001, paid: true }, now, 'honour')).toEqual(
      {
        answer: 'invalid-amount',
      },
    );
    expect(decideNotification({ ...pending, status: 'paid' }, { amountVnd: 50000, paid: true }, now, 'honour')).toEqual(
      {
        answer: 'already-confirmed',
      },
    );
  });

  it('marks a pending request paid, records a failure, and handles a late payment per policy', () => {
    expect(decideNotification(pending, { amountVnd: 50000, paid: true }, now, 'refund')).toEqual({
      answer: 'confirmed',
      effect: 'mark-paid',
    });
    expect(decideNotification(pending, { amountVnd: 50000, paid: false }, now, 'refund')).toEqual({
      answer: 'confirmed',
      effect: 'record-failure',
    });
    const expired = { ...pending, status: 'expired' as const };
    expect(decideNotification(expired, { amountVnd: 50000, paid: true }, now, 'honour')).toMatchObject({
      effect: 'late-honour',
    });
    expect(decideNotification(expired, { amountVnd: 50000, paid: true }, now, 'refund')).toMatchObject({
      effect: 'late-refund',
    });
    const overdue = new Date('2026-01-05T04:00:01Z');
    expect(decideNotification(pending, { amountVnd: 50000, paid: true }, overdue, 'refund')).toMatchObject({
      effect: 'late-refund',
    });
  });

  it('refuses to take a desk payment on an expired or settled request', () => {
    expect(() => assertPayable(pending, now)).not.toThrow();
    expect(() => assertPayable(pending, new Date('2026-01-05T04:00:01Z'))).toThrow(/expired/);
    expect(() => assertPayable({ ...pending, status: 'paid' }, now)).toThrow(/paid/);
  });

  it('derives a gateway reference from the request id and reads the payment clock rule per rule set', () => {
    expect(paymentTxnRef('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('MC0F8FAD5BD9CB469FA16570867728950E');
    expect(paymentClockRule('ND118-2025').pausesClock).toBe(true);
    expect(paymentClockRule('unknown').pausesClock).toBe(true);
  });
});
