import { DomainError } from '../errors/domain-error';
import {
  allowedSupplementClock,
  effectiveCutoffTime,
  getRuleSet,
  NO_CUTOFF,
  NoRuleSetInForceError,
  RULE_SETS,
  ruleSetForReception,
  ruleSetInForce,
  UnknownRuleSetError,
} from './rule-set';

describe('rule sets', () => {
  it('getRuleSet returns the named rule set', () => {
    const nd61 = getRuleSet('ND61-2018');
    expect(nd61.supplementClock).toBe('restart');
    expect(nd61.indicatorSupplementClock).toBe('pause');
    expect(nd61.defaultCutoffTime).toBe('15:00');
    expect(nd61.maxApologiesPerDossier).toBe(1);
    expect(nd61.apologyLeadWorkingDays).toBe(1);
    expect(nd61.supplementRequestWithinWorkingDays).toBe(3);
    expect(getRuleSet('ND118-2025').effectiveFrom).toBe('2025-07-01');
  });

  it('getRuleSet throws a typed not-found error for unknown ids', () => {
    expect(() => getRuleSet('ND999-2030')).toThrow(UnknownRuleSetError);
    expect(() => getRuleSet('toString')).toThrow(DomainError);
    try {
      getRuleSet('nope');
    } catch (error) {
      expect(error).toMatchObject({ code: 'rule-set.unknown', kind: 'not-found' });
    }
  });

  it('ruleSetInForce switches on 2025-07-01 (Vietnam local date)', () => {
    expect(ruleSetInForce('2025-06-30').id).toBe('ND61-2018');
    expect(ruleSetInForce('2025-07-01').id).toBe('ND118-2025');
    // 2025-06-30T17:00Z is 2025-07-01 00:00 in Hanoi.
    expect(ruleSetInForce(new Date('2025-06-30T16:59:59Z')).id).toBe('ND61-2018');
    expect(ruleSetInForce(new Date('2025-06-30T17:00:00Z')).id).toBe('ND118-2025');
    expect(() => ruleSetInForce('2017-01-01')).toThrow(NoRuleSetInForceError);
  });

  it('rule sets are frozen and do not overlap', () => {
    const sets = Object.values(RULE_SETS);
    expect(sets.every((ruleSet) => Object.isFrozen(ruleSet))).toBe(true);
    for (let i = 1; i < sets.length; i++) {
      expect(sets[i - 1].effectiveUntil! < sets[i].effectiveFrom).toBe(true);
    }
  });
});

describe('effectiveCutoffTime', () => {
  const ruleSet = getRuleSet('ND118-2025');
  it("uses the procedure's own cut-off, the rule set's default when it has none, and nothing for 'none'", () => {
    expect(effectiveCutoffTime('16:00', ruleSet)).toBe('16:00');
    expect(effectiveCutoffTime(null, ruleSet)).toBe('15:00');
    expect(effectiveCutoffTime(undefined, ruleSet)).toBe('15:00');
    expect(effectiveCutoffTime(NO_CUTOFF, ruleSet)).toBeUndefined();
  });
});

describe('the rule set governing a dossier is the one in force on its reception date', () => {
  // Before: intake took the procedure's catalog rule set whatever the date, so a dossier received on 30 Jun 2025
  // for a procedure written under NĐ 118/2025 was governed by a decree not yet in force (and printed TT 03/2025
  // forms), and one received in 2026 for a procedure still marked NĐ 61/2018 by a replaced decree.
  it('keeps the procedure rule set while it is in force', () => {
    expect(ruleSetForReception('ND118-2025', new Date('2026-11-26T03:00:00Z')).id).toBe('ND118-2025');
    expect(ruleSetForReception('ND61-2018', new Date('2024-03-01T03:00:00Z')).id).toBe('ND61-2018');
  });

  it('switches at 2025-07-01 00:00 in Hà Nội (2025-06-30T17:00Z), both ways', () => {
    expect(ruleSetForReception('ND118-2025', new Date('2025-06-30T16:59:00Z')).id).toBe('ND61-2018');
    expect(ruleSetForReception('ND118-2025', new Date('2025-06-30T17:00:00Z')).id).toBe('ND118-2025');
    expect(ruleSetForReception('ND61-2018', new Date('2025-06-30T17:00:00Z')).id).toBe('ND118-2025');
  });

  it('falls back to the procedure rule set before any known rule set, and names each one its form set', () => {
    expect(ruleSetForReception('ND61-2018', new Date('2017-01-02T03:00:00Z')).id).toBe('ND61-2018');
    expect(getRuleSet('ND61-2018').formSetVersion).toBe('TT01-2018');
    expect(getRuleSet('ND118-2025').formSetVersion).toBe('TT03-2025');
  });

  it('keeps a supplement-clock choice only when the governing rule set allows it', () => {
    const restartOnly = { ...getRuleSet('ND118-2025'), supplementClockChoices: ['restart'] as const };
    expect(allowedSupplementClock(getRuleSet('ND118-2025'), 'pause')).toBe('pause');
    expect(allowedSupplementClock(restartOnly, 'pause')).toBeNull();
    expect(allowedSupplementClock(restartOnly, null)).toBeNull();
  });
});
