import type { LateSupplementRequestPolicy } from '../deadline/supplement-request-timing';
import { localDateAt } from '../calendar/vietnam-time';
import { DomainError } from '../errors/domain-error';

/** How the processing clock treats the time the applicant spends completing a dossier. */
export type SupplementClockMode = 'restart' | 'pause';

/**
 * A versioned set of legal rules, named after its legal source. Plain data: code reads the fields, never
 * the id. Fields marked "unverified" in comments come from secondary sources and must stay configurable.
 */
export interface RuleSet {
  id: string;
  name: string;
  legalBasis: string[];
  /** First local date (Asia/Ho_Chi_Minh) on which the rule set applies, inclusive. */
  effectiveFrom: string;
  /** Last local date on which the rule set applies, inclusive; null while in force. */
  effectiveUntil: string | null;
  /** Processing clock after a supplement request, for the appointment date. */
  supplementClock: SupplementClockMode;
  /** Processing clock used by the national on-time indicator (waiting time subtracted). */
  indicatorSupplementClock: SupplementClockMode;
  /** Dossiers received after this local time count from the next working day, unless the procedure says otherwise. */
  defaultCutoffTime: string;
  /** How many times the appointment date may be moved by an apology (form 04). */
  maxApologiesPerDossier: number;
  /** The apology must be sent at least this many working days before the deadline. */
  apologyLeadWorkingDays: number;
  /** The agency must request a supplement within this many working days of receiving the dossier. */
  supplementRequestWithinWorkingDays: number;
  /** What a request after `supplementRequestWithinWorkingDays` does (deadline/supplement-request-timing). */
  lateSupplementRequest: LateSupplementRequestPolicy;
  /**
   * The supplement clock modes a procedure of this rule set may choose (`procedure.supplement_clock`); the
   * procedure's choice, or `supplementClock` when it makes none, is pinned on the dossier at intake.
   */
  supplementClockChoices: readonly SupplementClockMode[];
  /**
   * How many supplement requests after appraisal a dossier may receive at all (the applicant is asked for everything
   * missing at once); a further request is refused.
   */
  maxSupplementRequestsPerDossier: number;
  /** How many supplement requests a dossier may receive before the national indicator counts it late. */
  maxSupplementRequestsForOnTime: number;
  /** Public-holiday rule used to seed the calendar (see `HOLIDAY_RULES` in calendar/holiday-seed). */
  calendarHolidayRuleId: string;
  /** The circular whose printable forms (01 receipt, 02 supplement request, ...) dossiers of this rule set use. */
  formSetVersion: 'TT01-2018' | 'TT03-2025';
}

export type RuleSetId = 'ND61-2018' | 'ND118-2025';

/** NĐ 61/2018/NĐ-CP on the one-stop-shop mechanism, as amended by NĐ 107/2021/NĐ-CP. */
const ND61_2018: RuleSet = Object.freeze({
  id: 'ND61-2018',
  name: 'Nghị định 61/2018/NĐ-CP (sửa đổi bởi Nghị định 107/2021/NĐ-CP)',
  legalBasis: ['NĐ 61/2018/NĐ-CP', 'NĐ 107/2021/NĐ-CP', 'TT 01/2018/TT-VPCP'],
  // NĐ 61/2018 final provisions: in force from 2018-06-21 (article number unverified).
  effectiveFrom: '2018-06-21',
  // Replaced by NĐ 118/2025/NĐ-CP from 2025-07-01.
  effectiveUntil: '2025-06-30',
  // NĐ 61/2018 Art. 15–20 (exact clause unverified): once the dossier is complete, processing time counts again from the start.
  supplementClock: 'restart',
  // QĐ 766/QĐ-TTg national index as computed by the portal: completed supplement waits are subtracted.
  indicatorSupplementClock: 'pause',
  // NĐ 61/2018 Art. 18.1: dossiers received after 15:00 go to the agency at the start of the next working day.
  defaultCutoffTime: '15:00',
  // NĐ 61/2018 Art. 19 (as amended by NĐ 107/2021; clause unverified): the appointment may be moved only once.
  maxApologiesPerDossier: 1,
  // NĐ 61/2018 Art. 19 (clause unverified): apology (form 04) at least 1 working day before the deadline.
  apologyLeadWorkingDays: 1,
  // NĐ 61/2018 Art. 15–20 (clause unverified): supplement request within 3 working days of receiving the dossier.
  supplementRequestWithinWorkingDays: 3,
  // NĐ 61/2018 Art. 15–20 (clause unverified): an agency that asks later must apologise; the request stands and the
  // delay is the agency's fault.
  lateSupplementRequest: 'agency-fault',
  // Restart is the decree's rule; some procedures' own legal texts suspend the time instead (e.g. land procedures
  // under NĐ 43/2014 Art. 61, unverified), so both may be chosen per procedure.
  supplementClockChoices: ['restart', 'pause'],
  // NĐ 61/2018 Art. 16 (clause unverified): everything missing is asked for at once, a dossier is asked once.
  maxSupplementRequestsPerDossier: 1,
  // National portal rule (QĐ 766/QĐ-TTg index, decision text not read, unverified): > 1 request counts late.
  maxSupplementRequestsForOnTime: 1,
  // Labour Code 2019 Art. 112 public holidays.
  calendarHolidayRuleId: 'BLLD2019-ART112',
  // TT 01/2018/TT-VPCP Art. 9: forms 01–06.
  formSetVersion: 'TT01-2018',
}) as RuleSet;

/** NĐ 118/2025/NĐ-CP on one-stop-shop and the national public service portal, from 2025-07-01. */
const ND118_2025: RuleSet = Object.freeze({
  id: 'ND118-2025',
  name: 'Nghị định 118/2025/NĐ-CP',
  legalBasis: ['NĐ 118/2025/NĐ-CP', 'TT 03/2025/TT-VPCP'],
  // NĐ 118/2025: in force from 2025-07-01.
  effectiveFrom: '2025-07-01',
  effectiveUntil: null,
  // Unverified: assumed unchanged from NĐ 61/2018 (restart once the dossier is complete).
  supplementClock: 'restart',
  // QĐ 766/QĐ-TTg national index as computed by the portal: completed supplement waits are subtracted.
  indicatorSupplementClock: 'pause',
  // Unverified: 15:00 transfer cut-off assumed carried over from NĐ 61/2018 Art. 18.
  defaultCutoffTime: '15:00',
  // Unverified: single apology / one new appointment assumed carried over from NĐ 61/2018 Art. 19.
  maxApologiesPerDossier: 1,
  // Unverified: 1 working day apology lead time assumed carried over from NĐ 61/2018 Art. 19.
  apologyLeadWorkingDays: 1,
  // Unverified: 3 working days for the supplement request assumed carried over from NĐ 61/2018.
  supplementRequestWithinWorkingDays: 3,
  // Unverified: late requests assumed handled as under NĐ 61/2018 (the request stands, the agency's fault).
  lateSupplementRequest: 'agency-fault',
  // Unverified: per-procedure choice assumed carried over.
  supplementClockChoices: ['restart', 'pause'],
  // Unverified: a single supplement request per dossier assumed carried over from NĐ 61/2018.
  maxSupplementRequestsPerDossier: 1,
  // National portal rule (QĐ 766/QĐ-TTg index, unverified): more than one request counts late.
  maxSupplementRequestsForOnTime: 1,
  // Labour Code 2019 Art. 112 public holidays.
  calendarHolidayRuleId: 'BLLD2019-ART112',
  // TT 03/2025/TT-VPCP Appendix I (replaces TT 01/2018 alongside NĐ 118/2025).
  formSetVersion: 'TT03-2025',
}) as RuleSet;

/** All known rule sets, keyed by id, ordered by `effectiveFrom`. */
export const RULE_SETS: Readonly<Record<RuleSetId, RuleSet>> = Object.freeze({
  'ND61-2018': ND61_2018,
  'ND118-2025': ND118_2025,
});

export class UnknownRuleSetError extends DomainError {
  constructor(ruleSetId: string) {
    super('rule-set.unknown', `Unknown rule set "${ruleSetId}"`, 'not-found', { ruleSetId });
  }
}

export class NoRuleSetInForceError extends DomainError {
  constructor(localDate: string) {
    super('rule-set.none-in-force', `No rule set in force on ${localDate}`, 'not-found', { localDate });
  }
}

export function isRuleSetId(id: string): id is RuleSetId {
  return Object.prototype.hasOwnProperty.call(RULE_SETS, id);
}

/** The rule set with this id; throws `UnknownRuleSetError` (kind 'not-found') otherwise. */
export function getRuleSet(id: string): RuleSet {
  if (!isRuleSetId(id)) throw new UnknownRuleSetError(id);
  return RULE_SETS[id];
}

/**
 * The rule set in force on a date: a `Date` instant (judged in Asia/Ho_Chi_Minh) or a local `YYYY-MM-DD`.
 * Throws `NoRuleSetInForceError` before the first known rule set.
 */
export function ruleSetInForce(date: Date | string): RuleSet {
  const localDate = typeof date === 'string' ? date : localDateAt(date);
  const found = Object.values(RULE_SETS).find(
    (ruleSet) =>
      ruleSet.effectiveFrom <= localDate && (ruleSet.effectiveUntil === null || localDate <= ruleSet.effectiveUntil),
  );
  if (!found) throw new NoRuleSetInForceError(localDate);
  return found;
}

/**
 * The rule set governing a dossier received at `receivedAt` (judged by its Asia/Ho_Chi_Minh date): the procedure's
 * own rule set while that is in force, otherwise the one in force on the reception date — a decree applies to the
 * dossiers received while it is in force (NĐ 118/2025 replaced NĐ 61/2018 from 2025-07-01), whatever rule set the
 * procedure's catalog row was written under. Before the first known rule set, the procedure's own.
 */
export function ruleSetForReception(procedureRuleSetId: string, receivedAt: Date): RuleSet {
  const own = getRuleSet(procedureRuleSetId);
  const localDate = localDateAt(receivedAt);
  if (own.effectiveFrom <= localDate && (own.effectiveUntil === null || localDate <= own.effectiveUntil)) return own;
  try {
    return ruleSetInForce(localDate);
  } catch (error) {
    if (error instanceof NoRuleSetInForceError) return own;
    throw error;
  }
}

/** A procedure's supplement-clock choice if `ruleSet` allows it, else null (the rule set's own default applies). */
export function allowedSupplementClock(
  ruleSet: RuleSet,
  choice: SupplementClockMode | null | undefined,
): SupplementClockMode | null {
  return choice && ruleSet.supplementClockChoices.includes(choice) ? choice : null;
}

/** A procedure's explicit "no cut-off" (reception at any office hour counts the same day). */
export const NO_CUTOFF = 'none';

/**
 * The cut-off time that applies to a procedure: its own (`HH:mm`), none when it says `NO_CUTOFF`, otherwise (null or
 * absent: the procedure does not override it) the rule set's `defaultCutoffTime` (NĐ 61/2018 Art. 18.1: 15:00).
 */
export function effectiveCutoffTime(procedureCutoff: string | null | undefined, ruleSet: RuleSet): string | undefined {
  if (procedureCutoff === NO_CUTOFF) return undefined;
  return procedureCutoff ?? ruleSet.defaultCutoffTime;
}

/** The supplement clock of a dossier or procedure: its own choice, else its rule set's `supplementClock`. */
export function effectiveSupplementClock(
  ruleSetId: string,
  choice: SupplementClockMode | null | undefined,
): SupplementClockMode {
  return choice ?? getRuleSet(ruleSetId).supplementClock;
}

/** A procedure's choice must be one its rule set allows (400 naming `supplementClock`). */
export function checkSupplementClockChoice(ruleSetId: string, choice: SupplementClockMode | null | undefined): void {
  if (choice === null || choice === undefined) return;
  const allowed = getRuleSet(ruleSetId).supplementClockChoices;
  if (!allowed.includes(choice)) {
    throw new DomainError(
      'procedure.supplement-clock-not-allowed',
      `supplementClock: rule set ${ruleSetId} allows ${allowed.join(' or ')}, not ${choice}`,
      'invalid',
      { field: 'supplementClock', allowed },
    );
  }
}
