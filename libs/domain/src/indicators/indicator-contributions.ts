import { localDateAt, VIETNAM_TIME_ZONE_OFFSET_MINUTES } from '../calendar/vietnam-time';
import {
  classifyByCalendarDate,
  classifyInProgressByCalendarDate,
  classifyNationalOnTime,
  SupplementWait,
} from '../deadline/on-time-classification';
import type { DossierFacts } from './dossier-facts';
import { countsAsOnlineSubmission, IndicatorRuleSet } from './indicator-rules';
import { dossierLevelContributions } from './open-level-contributions';

/**
 * Daily counters of the projection (one row per local day × agency × procedure × channel × metric). Each counts
 * on the day its fact happened: received on the reception day, resolved on the end day, payments on the paid day.
 * WARNING: persistent names (rows in indicator_daily_counter); add, never rename.
 */
export const INDICATOR_METRICS = [
  'received',
  'resolved.early',
  'resolved.on-time',
  'resolved.late',
  'withdrawn',
  'national.on-time',
  'national.late',
  'supplement.requested',
  'fee.requested',
  'paid.online',
  'paid.desk',
  'handover.total',
  'handover.electronic',
  'result.needed',
  'result.digitized',
  'reused',
  'rated',
  'rated.dissatisfied',
  // Online dossiers that count for the online-submission rate (rule set `onlineSubmission`), on the reception day.
  'received.online-counted',
  // Level metrics (open-level-contributions.ts): day deltas of where unfinished dossiers stand, summed up to a day.
  'level.open',
  'level.national-late',
  'level.overdue',
] as const;
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number];

export interface Contribution {
  /** Local date YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  day: string;
  metric: IndicatorMetric;
  count: number;
}

export function localDay(iso: string, offsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES): string {
  return localDateAt(new Date(Date.parse(iso)), offsetMinutes);
}

const date = (iso: string | null): Date | null => (iso ? new Date(iso) : null);

/** The national on-time verdict of a dossier judged at `at` (its end, or the end of a period it is open at). */
export function nationalOnTimeAt(facts: DossierFacts, at: Date, ruleSet: IndicatorRuleSet): boolean {
  const waits = facts.supplementWaits.filter((wait) => Date.parse(wait.requestedAt) <= at.getTime());
  const pending = waits.find((wait) => wait.receivedAt === null || Date.parse(wait.receivedAt) > at.getTime());
  const completed: SupplementWait[] = waits
    .filter((wait) => wait !== pending && wait.receivedAt !== null)
    .map((wait) => ({ from: new Date(wait.requestedAt), to: new Date(wait.receivedAt!) }));
  const appointment = date(facts.originalAppointmentAt);
  // Every accepted dossier carries its appointment; one without is on time (the report's "no due date" rule).
  if (!appointment) return waits.length <= ruleSet.maxSupplementRequestsForOnTime;
  return classifyNationalOnTime({
    receivedAt: new Date(facts.receivedAt),
    endAt: at,
    appointmentAt: appointment,
    supplementRequestCount: waits.length,
    completedSupplementWaits: completed,
    waitingForSupplementSince: pending ? new Date(pending.requestedAt) : null,
    maxSupplementRequests: ruleSet.maxSupplementRequestsForOnTime,
  }).onTime;
}

/** What one dossier adds to the daily counters (the projection holds the sum over every dossier). */
export function dossierContributions(facts: DossierFacts | null, ruleSet: IndicatorRuleSet): Contribution[] {
  if (!facts) return [];
  const out: Contribution[] = [];
  const add = (iso: string, metric: IndicatorMetric) => out.push({ day: localDay(iso), metric, count: 1 });
  add(facts.receivedAt, 'received');
  // An electronic result attached later moves this counter on the reception day (the period of the denominator).
  if (countsAsOnlineSubmission(facts, ruleSet)) add(facts.receivedAt, 'received.online-counted');
  for (const wait of facts.supplementWaits) add(wait.requestedAt, 'supplement.requested');
  if (facts.endedAt && facts.endKind) {
    if (facts.endKind === 'withdrawn') add(facts.endedAt, 'withdrawn');
    else {
      const verdict = classifyByCalendarDate(new Date(facts.endedAt), date(facts.currentAppointmentAt));
      add(
        facts.endedAt,
        verdict === 'early' ? 'resolved.early' : verdict === 'late' ? 'resolved.late' : 'resolved.on-time',
      );
    }
    const onTime = nationalOnTimeAt(facts, new Date(facts.endedAt), ruleSet);
    add(facts.endedAt, onTime ? 'national.on-time' : 'national.late');
    if (facts.endKind === 'result') {
      add(facts.endedAt, 'result.needed');
      if (facts.digitizedResult) add(facts.endedAt, 'result.digitized');
    }
  }
  if (facts.feeRequestedAt) add(facts.feeRequestedAt, 'fee.requested');
  if (facts.paidAt) add(facts.paidAt, facts.paymentChannel === 'desk' ? 'paid.desk' : 'paid.online');
  for (const handover of facts.handovers) {
    add(handover.at, 'handover.total');
    if (handover.electronic) add(handover.at, 'handover.electronic');
  }
  if (facts.reusedAt) add(facts.receivedAt, 'reused');
  if (facts.ratedAt) {
    add(facts.ratedAt, 'rated');
    if (facts.satisfied === false) add(facts.ratedAt, 'rated.dissatisfied');
  }
  return out;
}

/** The latest instant at which the dossier adds to a counter (a dossier-facts export includes it up to then). */
export function lastContributionAt(facts: DossierFacts): string {
  const instants = [
    facts.receivedAt,
    facts.endedAt,
    facts.feeRequestedAt,
    facts.paidAt,
    facts.ratedAt,
    ...facts.supplementWaits.map((wait) => wait.requestedAt),
    ...facts.handovers.map((handover) => handover.at),
  ].filter((value): value is string => value !== null);
  return instants.reduce((latest, value) => (Date.parse(value) > Date.parse(latest) ? value : latest));
}

/** Everything one dossier adds to the stored counters: daily flows and level deltas. */
export function storedContributions(facts: DossierFacts | null, ruleSet: IndicatorRuleSet): Contribution[] {
  return [...dossierContributions(facts, ruleSet), ...dossierLevelContributions(facts, ruleSet)];
}

/** Stored counter changes from `before` to `after` (key `day|metric`), zero entries dropped. */
export function contributionDelta(
  before: DossierFacts | null,
  after: DossierFacts | null,
  ruleSet: IndicatorRuleSet,
): Map<string, number> {
  const delta = new Map<string, number>();
  const bump = (contribution: Contribution, sign: number) => {
    const key = `${contribution.day}|${contribution.metric}`;
    delta.set(key, (delta.get(key) ?? 0) + sign * contribution.count);
  };
  for (const contribution of storedContributions(before, ruleSet)) bump(contribution, -1);
  for (const contribution of storedContributions(after, ruleSet)) bump(contribution, 1);
  for (const [key, value] of delta) if (value === 0) delta.delete(key);
  return delta;
}

export interface OpenDossierState {
  /** Open at the instant: received by then and not ended by then. */
  open: boolean;
  waitingForSupplement: boolean;
  /** Periodic report: within time (including waiting for supplement) or overdue by calendar date. */
  report: 'within-time' | 'overdue' | null;
  /** National indicator: in progress and not yet due (judged at a pending supplement request). */
  nationalOnTime: boolean | null;
}

/** Where an unfinished dossier stands at `at` (the last instant of a period). */
export function openDossierStateAt(facts: DossierFacts, at: Date, ruleSet: IndicatorRuleSet): OpenDossierState {
  const open =
    Date.parse(facts.receivedAt) <= at.getTime() &&
    (facts.endedAt === null || Date.parse(facts.endedAt) > at.getTime());
  if (!open) return { open, waitingForSupplement: false, report: null, nationalOnTime: null };
  const waitingForSupplement = facts.supplementWaits.some(
    (wait) =>
      Date.parse(wait.requestedAt) <= at.getTime() &&
      (wait.receivedAt === null || Date.parse(wait.receivedAt) > at.getTime()),
  );
  return {
    open,
    waitingForSupplement,
    report: classifyInProgressByCalendarDate(date(facts.currentAppointmentAt), at, waitingForSupplement),
    nationalOnTime: nationalOnTimeAt(facts, at, ruleSet),
  };
}
