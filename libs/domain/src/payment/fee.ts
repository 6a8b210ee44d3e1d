import { DomainError } from '../errors/domain-error';

/**
 * Fees (phí, lệ phí) from the procedure catalog. Money is integer VND everywhere (DOMAIN.md "Fees"): no floats,
 * every amount a safe integer ≥ 0.
 */
export const FEE_MODES = ['none', 'fixed', 'per-item', 'per-set'] as const;
export type FeeMode = (typeof FEE_MODES)[number];

/** When the fee is paid: at the desk on intake, before processing, or after processing before the result. */
export const FEE_TIMINGS = ['at-intake', 'before', 'after'] as const;
export type FeeTiming = (typeof FEE_TIMINGS)[number];

export interface FeeRule {
  mode: FeeMode;
  /** VND; per item for 'per-item', per dossier set for 'per-set'. */
  amount: number;
  paid: FeeTiming;
  /**
   * Applicant groups exempt from the fee (đối tượng miễn phí, lệ phí), as the procedure's fee decision names them,
   * e.g. 'nguoi-co-cong' (people with meritorious services), 'ho-ngheo' (poor households).
   */
  exemptApplicantGroups?: string[];
  /** Printed label of the fee line; "Lệ phí" by default. */
  label?: string;
}

export interface FeeBasis {
  /** Items counted by a 'per-item' fee (e.g. copies or pages to certify). */
  itemCount: number;
  /** Dossier sets (số bộ hồ sơ) counted by a 'per-set' fee. */
  setCount: number;
  /** The applicant's groups, checked against the rule's exemptions. */
  applicantGroups: readonly string[];
}

export interface FeeLine {
  code: string;
  label: string;
  quantity: number;
  /** VND per unit. */
  unitAmount: number;
  /** quantity × unitAmount, or 0 when exempt. VND. */
  amount: number;
  /** The exemption group that zeroed the line, if any. */
  exemption: string | null;
}

export interface FeeAssessment {
  lines: FeeLine[];
  /** Sum of the lines, VND. */
  total: number;
  timing: FeeTiming;
}

/**
 * The largest fee one dossier can be asked to pay, VND (10^13). A bound, not a legal figure: it keeps every amount
 * the gateway sees (VNPay sends amount × 100) a safe integer, and it refuses at intake a fee that could never be
 * paid (e.g. a per-item fee × 100 documents × 100 copies) instead of failing in the payment worker later.
 */
export const MAX_FEE_VND = 10_000_000_000_000;

export function assertVnd(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new DomainError(
      'payment.invalid-amount',
      `${field} must be a whole number of VND ≥ 0, got ${amount}`,
      'invalid',
    );
  }
}

/** The fee basis of a received dossier: document copies, sets and the applicant's exemption groups. */
export function feeBasisOf(dossier: {
  documents: ReadonlyArray<{ count?: number | null }> | null;
  numberOfSets: number;
  applicant: unknown;
}): FeeBasis {
  const groups = (dossier.applicant as { exemptionGroups?: unknown } | null)?.exemptionGroups;
  return {
    itemCount: (dossier.documents ?? []).reduce((sum, document) => sum + (document.count ?? 0), 0),
    setCount: dossier.numberOfSets,
    applicantGroups: Array.isArray(groups) ? groups.map(String) : [],
  };
}

/** The fee lines a dossier owes under `rule`. A 'none' rule or an exempt applicant owes 0. */
export function assessFees(rule: FeeRule, basis: FeeBasis): FeeAssessment {
  assertVnd(rule.amount, 'feeRule.amount');
  if (rule.mode === 'none') return { lines: [], total: 0, timing: rule.paid };
  const quantity = rule.mode === 'fixed' ? 1 : rule.mode === 'per-item' ? basis.itemCount : basis.setCount;
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new DomainError(
      'payment.invalid-quantity',
      `fee quantity must be a whole number ≥ 0, got ${quantity}`,
      'invalid',
    );
  }
  const exemption = (rule.exemptApplicantGroups ?? []).find((group) => basis.applicantGroups.includes(group)) ?? null;
  const gross = quantity * rule.amount;
  assertVnd(gross, 'fee total');
  if (gross > MAX_FEE_VND) {
    throw new DomainError(
      'payment.fee-too-large',
      `the fee for this dossier (${quantity} × ${rule.amount} VND) is over the largest fee one dossier can be asked to pay (${MAX_FEE_VND} VND): check the document counts and the number of sets`,
      'invalid',
    );
  }
  const line: FeeLine = {
    code: 'le-phi',
    label: rule.label ?? 'Lệ phí',
    quantity,
    unitAmount: rule.amount,
    amount: exemption ? 0 : gross,
    exemption,
  };
  return { lines: [line], total: line.amount, timing: rule.paid };
}

/** Sums VND amounts, refusing anything that is not a safe integer. */
export function sumVnd(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    assertVnd(amount);
    total += amount;
  }
  assertVnd(total, 'total');
  return total;
}

/** "100.000 đ" (Vietnamese thousands separator). */
export function formatVnd(amount: number): string {
  assertVnd(amount);
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}
