import { DomainError } from '../errors/domain-error';
import type { DossierFacts, ProcedureResultType } from './dossier-facts';

/** The indicators supervisors steer by (DOMAIN.md "Indicators the plans target"). */
export const INDICATOR_IDS = [
  'onTime',
  'online',
  'electronicHandover',
  'onlinePayment',
  'digitizedResults',
  'reuse',
  'satisfaction',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface IndicatorFormula {
  /** Persistent formula name (printed with every value, so a reader can tell which rule produced it). */
  name: string;
  /** The text the formula comes from, and how sure we are of it. */
  legalSource: string;
  /** One sentence: numerator ÷ denominator. */
  description: string;
}

/**
 * A versioned set of indicator formulas, named after its legal source. Numbers that a later decision could change
 * are fields here, never constants in code.
 */
export interface IndicatorRuleSet {
  id: string;
  /** More supplement requests than this make a dossier late for the on-time indicator. */
  maxSupplementRequestsForOnTime: number;
  /** Online payment score = aWeight·A + min(bCap, bFactor·B) + cWeight·C. */
  onlinePaymentScore: { aWeight: number; bFactor: number; bCap: number; cWeight: number };
  /**
   * Online submission rate: an online dossier of a procedure whose result type requires a paper result counts only
   * once it has an electronic (digitized) result; other online dossiers always count.
   */
  onlineSubmission: { paperResultTypes: readonly ProcedureResultType[] };
  /**
   * Index points of a ratio: score = points × min(1, ratio ÷ fullAt) (fullAt 1: proportional). Indicators without an
   * entry have no score of their own here (online payment has its A/B/C score above).
   */
  scores: Partial<Record<IndicatorId, { points: number; fullAt: number }>>;
  formulas: Record<IndicatorId, IndicatorFormula>;
}

/**
 * The national real-time index as the national portal computes it (QĐ 766/QĐ-TTg 2022; decision text not read,
 * formulas reconstructed from the portal: treat the online-payment score as indicative).
 */
export const QD766_2022: IndicatorRuleSet = Object.freeze({
  id: 'QD766-2022',
  // QĐ 766 (portal): more than one supplement request counts as late.
  maxSupplementRequestsForOnTime: 1,
  // QĐ 766 (portal): score = 6A + min(2, 2.5B) + 2.5C (reconstructed).
  onlinePaymentScore: { aWeight: 6, bFactor: 2.5, bCap: 2, cWeight: 2.5 },
  // QĐ 766 (portal): "online dossiers (where a paper result is required, also with an electronic result)". A paper
  // result is required when the procedure returns a paper result ('paper') or both ('both'); 'electronic' never.
  onlineSubmission: { paperResultTypes: ['paper', 'both'] as const },
  // QĐ 766 (portal): progress 20 × on-time ratio; satisfaction min(6, 6 × ratio ÷ 0.9); digitization: electronic
  // result 6 × ratio, reuse of digitized documents 2 points, full at 80 %.
  scores: {
    onTime: { points: 20, fullAt: 1 },
    satisfaction: { points: 6, fullAt: 0.9 },
    digitizedResults: { points: 6, fullAt: 1 },
    reuse: { points: 2, fullAt: 0.8 },
  },
  formulas: {
    onTime: {
      name: 'qd766.on-time',
      legalSource: 'QĐ 766/QĐ-TTg 2022, chỉ số tiến độ giải quyết (as computed by the national portal; unverified)',
      description:
        '(finished on or before the receipt appointment, supplement waits subtracted, at most one supplement request + ' +
        'in progress and not yet due at period end, judged at a pending supplement request) ÷ dossiers finished in the ' +
        'period or open at its end',
    },
    online: {
      name: 'qd766.online-submission',
      legalSource:
        'QĐ 766/QĐ-TTg 2022, chỉ số cung cấp DVC trực tuyến (as computed by the national portal: online dossiers, ' +
        'where a paper result is required also with an electronic result; unverified); province plans 2021–2025 (≥ 50 %)',
      description:
        'online dossiers received in the period that count as online submissions ÷ dossiers received in the period. ' +
        "An online dossier of a procedure whose result type (pinned at reception) is 'paper' or 'both' (a paper " +
        'result is required), or unknown, counts once it has an electronic (digitized) result, on its reception day; ' +
        "one of an 'electronic' procedure always counts. Parts: every online dossier (raw), in person, by post, and " +
        'each channel share',
    },
    electronicHandover: {
      name: 'plan.electronic-handover',
      legalSource: 'province plans 2021–2025 (≥ 80 % of inter-agency hand-overs electronic); NĐ 61/2018 Art. 19',
      description: 'hand-overs to another agency on an electronic step ÷ hand-overs to another agency in the period',
    },
    onlinePayment: {
      name: 'qd766.online-payment',
      legalSource:
        'QĐ 766/QĐ-TTg 2022, chỉ số thanh toán trực tuyến (score 6A + min(2, 2.5B) + 2.5C, reconstructed); ' +
        'province plans 2021–2025 (≥ 80 % of fee-bearing procedures payable online, ≥ 30 % of payments online)',
      description:
        'payments made online ÷ payments made in the period; also A (dossiers paid online ÷ dossiers with a fee), ' +
        'B (fee-bearing procedures with an online payment ÷ fee-bearing procedures), C (fee-bearing procedures whose ' +
        'dossiers carry fee data ÷ fee-bearing procedures) and the score',
    },
    digitizedResults: {
      name: 'qd766.digitized-results',
      legalSource:
        'QĐ 766/QĐ-TTg 2022, chỉ số số hóa (electronic result, 6 points); province plans (+20 %/year to 100 %)',
      description:
        'dossiers finished with a result that carry an electronic (digitized) result ÷ dossiers finished with a result',
    },
    reuse: {
      name: 'qd766.document-reuse',
      legalSource:
        'QĐ 766/QĐ-TTg 2022, chỉ số số hóa (reuse, 2 points); province plans (≥ 80 % not asked again for documents the state holds)',
      description: 'dossiers received in the period reusing at least one digitized document ÷ dossiers received',
    },
    satisfaction: {
      name: 'qd766.satisfaction',
      legalSource:
        'QĐ 766/QĐ-TTg 2022, chỉ số mức độ hài lòng (1 − overdue share − dislike share); province plans (≥ 90 %)',
      description: '(resolved − resolved late − dissatisfied ratings) ÷ dossiers resolved in the period',
    },
  },
});

/** Targets for each indicator (share 0..1), named after the plan that sets them. */
export interface IndicatorTargetSet {
  id: string;
  source: string;
  targets: Record<IndicatorId, number>;
  /** Secondary targets of the online-payment indicator. */
  onlinePayment: { payableProcedures: number; paymentsOnline: number };
}

/**
 * The province plans in the seed documents (2021–2025). On time has no number in the plans ("reduce late
 * dossiers"); 0.95 is a configurable default, not a legal figure.
 */
export const PROVINCE_PLAN_2021_2025: IndicatorTargetSet = Object.freeze({
  id: 'KH-2021-2025',
  source: 'province digital-government plans 2021–2025 (seed documents); on time: default 95 %, not from the plans',
  targets: {
    onTime: 0.95,
    online: 0.5,
    electronicHandover: 0.8,
    onlinePayment: 0.3,
    digitizedResults: 1,
    reuse: 0.8,
    satisfaction: 0.9,
  },
  onlinePayment: { payableProcedures: 0.8, paymentsOnline: 0.3 },
});

/** One province's 2030 plan: online dossiers ≥ 70 %; the rest as 2021–2025. */
export const PROVINCE_PLAN_2030: IndicatorTargetSet = Object.freeze({
  ...PROVINCE_PLAN_2021_2025,
  id: 'KH-2030',
  source: 'province plan to 2030 (online ≥ 70 %); other targets as the 2021–2025 plans',
  targets: { ...PROVINCE_PLAN_2021_2025.targets, online: 0.7 },
});

/**
 * Whether a dossier counts in the online-submission numerator under `ruleSet`: received online, and, where its
 * procedure requires a paper result (or its result type is unknown), with an electronic (digitized) result.
 */
export function countsAsOnlineSubmission(facts: DossierFacts, ruleSet: IndicatorRuleSet): boolean {
  if (facts.channel !== 'online') return false;
  const resultType = facts.resultType ?? null;
  const paperRequired = resultType === null || ruleSet.onlineSubmission.paperResultTypes.includes(resultType);
  return !paperRequired || facts.digitizedResult;
}

export const INDICATOR_RULE_SETS: Readonly<Record<string, IndicatorRuleSet>> = Object.freeze({
  [QD766_2022.id]: QD766_2022,
});
export const INDICATOR_TARGET_SETS: Readonly<Record<string, IndicatorTargetSet>> = Object.freeze({
  [PROVINCE_PLAN_2021_2025.id]: PROVINCE_PLAN_2021_2025,
  [PROVINCE_PLAN_2030.id]: PROVINCE_PLAN_2030,
});

export const DEFAULT_INDICATOR_RULE_SET_ID = QD766_2022.id;
export const DEFAULT_INDICATOR_TARGET_SET_ID = PROVINCE_PLAN_2021_2025.id;

/** @throws DomainError 'indicators.unknown-rule-set' */
export function getIndicatorRuleSet(id: string): IndicatorRuleSet {
  const found = INDICATOR_RULE_SETS[id];
  if (!found) throw new DomainError('indicators.unknown-rule-set', `Unknown indicator rule set '${id}'`, 'invalid');
  return found;
}

/** @throws DomainError 'indicators.unknown-target-set' */
export function getIndicatorTargetSet(id: string): IndicatorTargetSet {
  const found = INDICATOR_TARGET_SETS[id];
  if (!found) throw new DomainError('indicators.unknown-target-set', `Unknown indicator target set '${id}'`, 'invalid');
  return found;
}
