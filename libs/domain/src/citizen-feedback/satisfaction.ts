import { DomainError } from '../errors/domain-error';

/** The three answers of the satisfaction survey (rất hài lòng / hài lòng / không hài lòng). */
export const SATISFACTION_LEVELS = ['very-satisfied', 'satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/**
 * Criteria of the satisfaction index the province plans measure (SIPAS, QĐ 3553/QĐ-BNV 2017 — list as commonly
 * applied, unverified against the decision text): access to the service, the procedure, the officials, the result,
 * and how feedback is received and handled. Each criterion is rated with the same three levels.
 */
export const SATISFACTION_CRITERIA = ['access', 'procedure', 'officials', 'result', 'feedback'] as const;
export type SatisfactionCriterion = (typeof SATISFACTION_CRITERIA)[number];

export const SATISFACTION_LEVEL_LABELS: Record<SatisfactionLevel, string> = {
  'very-satisfied': 'Rất hài lòng',
  satisfied: 'Hài lòng',
  dissatisfied: 'Không hài lòng',
};

/** A dossier is rated after its result was returned (the applicant has seen the whole service). */
export function assertRatable(status: string): void {
  if (status !== 'returned') {
    throw new DomainError(
      'rating.not-returned',
      'The service can be rated once the result has been returned',
      'precondition',
      { status },
    );
  }
}

/** Counts toward the satisfied share of the index: very satisfied and satisfied. */
export function isSatisfied(level: SatisfactionLevel): boolean {
  return level !== 'dissatisfied';
}
