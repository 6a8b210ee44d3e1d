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

export function assertVnd(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new DomainError(
      'payment.invalid-amount',
      `${field} must be a whole number of VND ≥ 0, got ${amount}`,
      'invalid',
    );
  }
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
