import type { DossierChannel } from '../dossier/dossier-channel';
import type { IndicatorMetric } from './indicator-contributions';
import type { IndicatorId, IndicatorRuleSet, IndicatorTargetSet } from './indicator-rules';

export type MetricSums = Partial<Record<IndicatorMetric, number>>;

/** Everything the indicators of one period and scope are computed from. */
export interface IndicatorInput {
  /** Daily counters summed over the period. */
  sums: MetricSums;
  /** `received` of the period split by channel. */
  receivedByChannel: Partial<Record<DossierChannel, number>>;
  /** Dossiers open at the period's last instant, and how many of them are on time for the national indicator. */
  openAtEnd: { total: number; nationalOnTime: number };
  /** Catalog: fee-bearing procedures in scope, and how many of them can be paid online. */
  feeBearingProcedures: number;
  feeBearingProceduresPayableOnline: number;
  /** Fee-bearing procedures with at least one online payment / one fee request in the period. */
  feeBearingProceduresPaidOnline: number;
  feeBearingProceduresWithFeeData: number;
}

export interface IndicatorValue {
  id: IndicatorId;
  formula: string;
  legalSource: string;
  description: string;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, null when nothing was counted. */
  value: number | null;
  target: number;
  /** value ≥ target; null when there is no value. */
  met: boolean | null;
  /** Further parts of the indicator (channel shares, the online-payment A/B/C score...). */
  details?: Record<string, number | null>;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/** Rounds a share for presentation and equality in tests (6 decimals). */
export function roundShare(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e6) / 1e6;
}

/** The indicators of one period and scope, each with its formula, legal source and configured target. */
export function computeIndicators(
  input: IndicatorInput,
  ruleSet: IndicatorRuleSet,
  targets: IndicatorTargetSet,
): IndicatorValue[] {
  const s = (metric: IndicatorMetric) => input.sums[metric] ?? 0;
  const received = s('received');
  const resolved = s('resolved.early') + s('resolved.on-time') + s('resolved.late');
  const paid = s('paid.online') + s('paid.desk');
  const feeProcedures = input.feeBearingProcedures;
  const a = ratio(s('paid.online'), s('fee.requested'));
  const b = ratio(input.feeBearingProceduresPaidOnline, feeProcedures);
  const c = ratio(input.feeBearingProceduresWithFeeData, feeProcedures);
  const weights = ruleSet.onlinePaymentScore;
  const score =
    a === null || b === null || c === null
      ? null
      : weights.aWeight * a + Math.min(weights.bCap, weights.bFactor * b) + weights.cWeight * c;
  const satisfiedCount = Math.max(0, resolved - s('resolved.late') - s('rated.dissatisfied'));

  const parts: Record<
    IndicatorId,
    { numerator: number; denominator: number; details?: Record<string, number | null> }
  > = {
    onTime: {
      numerator: s('national.on-time') + input.openAtEnd.nationalOnTime,
      denominator: s('national.on-time') + s('national.late') + input.openAtEnd.total,
      details: {
        finishedOnTime: s('national.on-time'),
        finishedLate: s('national.late'),
        inProgressOnTime: input.openAtEnd.nationalOnTime,
        inProgressLate: input.openAtEnd.total - input.openAtEnd.nationalOnTime,
      },
    },
    online: {
      // Online dossiers that count under the rule set (an electronic result where a paper one is required).
      numerator: s('received.online-counted'),
      denominator: received,
      details: {
        online: input.receivedByChannel.online ?? 0,
        onlineShare: roundShare(ratio(input.receivedByChannel.online ?? 0, received)),
        onlineWithoutRequiredElectronicResult: (input.receivedByChannel.online ?? 0) - s('received.online-counted'),
        inPerson: input.receivedByChannel['in-person'] ?? 0,
        postal: input.receivedByChannel.postal ?? 0,
        inPersonShare: roundShare(ratio(input.receivedByChannel['in-person'] ?? 0, received)),
        postalShare: roundShare(ratio(input.receivedByChannel.postal ?? 0, received)),
      },
    },
    electronicHandover: { numerator: s('handover.electronic'), denominator: s('handover.total') },
    onlinePayment: {
      numerator: s('paid.online'),
      denominator: paid,
      details: {
        paidOnline: s('paid.online'),
        paidAtDesk: s('paid.desk'),
        dossiersWithFee: s('fee.requested'),
        feeBearingProcedures: feeProcedures,
        payableProceduresShare: roundShare(ratio(input.feeBearingProceduresPayableOnline, feeProcedures)),
        payableProceduresTarget: targets.onlinePayment.payableProcedures,
        a: roundShare(a),
        b: roundShare(b),
        c: roundShare(c),
        score: roundShare(score),
      },
    },
    digitizedResults: { numerator: s('result.digitized'), denominator: s('result.needed') },
    reuse: { numerator: s('reused'), denominator: received },
    satisfaction: {
      numerator: satisfiedCount,
      denominator: resolved,
      details: { resolvedLate: s('resolved.late'), rated: s('rated'), dissatisfied: s('rated.dissatisfied') },
    },
  };

  return (Object.keys(parts) as IndicatorId[]).map((id) => {
    const { numerator, denominator } = parts[id];
    const scoring = ruleSet.scores[id];
    const raw = ratio(numerator, denominator);
    // Index points (rule set `scores`): points × min(1, ratio ÷ fullAt), from the unrounded ratio; null with no ratio.
    const details = scoring
      ? {
          ...parts[id].details,
          score: raw === null ? null : roundShare(scoring.points * Math.min(1, Math.max(0, raw) / scoring.fullAt)),
          maxScore: scoring.points,
        }
      : parts[id].details;
    const value = roundShare(raw);
    const target = targets.targets[id];
    const formula = ruleSet.formulas[id];
    return {
      id,
      formula: formula.name,
      legalSource: formula.legalSource,
      description: formula.description,
      numerator,
      denominator,
      value,
      target,
      met: value === null ? null : value >= target,
      ...(details ? { details } : {}),
    };
  });
}
