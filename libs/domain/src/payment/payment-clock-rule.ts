import { RuleSetId } from '../rule-set/rule-set';

/** Pause reason in the clock ledger while the applicant is asked to pay (chờ thực hiện nghĩa vụ tài chính). */
export const PAYMENT_PAUSE_REASON = 'awaiting-payment';

/** Whether waiting for the applicant's payment pauses the dossier's processing clock, per rule set. */
export interface PaymentClockRule {
  pausesClock: boolean;
  /** Written into the ledger's pause entry so the fact names its rule. */
  legalBasis: string;
}

/**
 * A rule-set option kept beside the rule sets (same ids). Unverified as a general rule: procedure-specific texts say
 * the time to fulfil financial obligations is not counted (e.g. land: NĐ 43/2014 Art. 61), and the national status
 * code 6 "awaiting financial obligation" is its own state, so the default pauses.
 */
export const PAYMENT_CLOCK_RULES: Readonly<Record<RuleSetId, PaymentClockRule>> = Object.freeze({
  'ND61-2018': {
    pausesClock: true,
    legalBasis: 'ND61-2018: thời gian thực hiện nghĩa vụ tài chính không tính (unverified)',
  },
  'ND118-2025': {
    pausesClock: true,
    legalBasis: 'ND118-2025: thời gian thực hiện nghĩa vụ tài chính không tính (unverified)',
  },
});

/** The payment clock rule of a rule set; an unknown id pauses (the conservative reading for the applicant). */
export function paymentClockRule(ruleSetId: string): PaymentClockRule {
  return (
    (PAYMENT_CLOCK_RULES as Record<string, PaymentClockRule>)[ruleSetId] ?? {
      pausesClock: true,
      legalBasis: `${ruleSetId}: no payment clock rule (default pause)`,
    }
  );
}
