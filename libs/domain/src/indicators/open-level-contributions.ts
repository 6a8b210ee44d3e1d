import { addCalendarDays } from '../calendar/working-calendar';
import { lateFromMinute } from '../deadline/on-time-classification';
import type { DossierFacts } from './dossier-facts';
import type { Contribution } from './indicator-contributions';
import { localDay } from './indicator-contributions';
import type { IndicatorRuleSet } from './indicator-rules';

/**
 * Level metrics: where unfinished dossiers stand at the end of a local day D, kept as day deltas (+1 on the day a
 * state starts, -1 on the day it stops), so "how many at the end of D" is the sum of the deltas of days <= D. They
 * replace classifying every open dossier's facts at query time (issue 15: the cost of that grew with the open
 * backlog). Each reproduces `openDossierStateAt(facts, endOfDay(D))` exactly (open-level-contributions.spec.ts):
 * - `level.open`: received by the end of D, not ended by then;
 * - `level.national-late`: open and late for the national index (QĐ 766) at the end of D;
 * - `level.overdue`: open and overdue for the periodic report (due date before D, not waiting for a supplement).
 */
export const OPEN_LEVEL_METRICS = ['level.open', 'level.national-late', 'level.overdue'] as const;
export type OpenLevelMetric = (typeof OPEN_LEVEL_METRICS)[number];

/** A half-open range of local days [from, to); `to` null: still running. */
interface DayRange {
  from: string;
  to: string | null;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The first instant (ms) at which `nationalOnTimeAt(facts, at)` is false, or null if never (judged with the facts
 * known now). The verdict is monotone in `at`: the effective elapsed time (clock time minus completed supplement
 * waits, frozen while a wait is pending) never decreases, and the count of requests only grows.
 */
export function nationalLateFrom(facts: DossierFacts, ruleSet: IndicatorRuleSet): number | null {
  const requests = facts.supplementWaits.map((wait) => ms(wait.requestedAt)).sort((a, b) => a - b);
  // More requests than allowed: late from the request over the limit.
  const byCount =
    requests.length > ruleSet.maxSupplementRequestsForOnTime ? requests[ruleSet.maxSupplementRequestsForOnTime] : null;
  if (!facts.originalAppointmentAt) return byCount;
  // Late from the minute after the appointment's (classifyNationalOnTime judges to the minute).
  const lateAt = lateFromMinute(ms(facts.originalAppointmentAt));
  const received = ms(facts.receivedAt);
  const waits = [...facts.supplementWaits].sort((a, b) => ms(a.requestedAt) - ms(b.requestedAt));
  let shift = 0;
  let byElapsed: number | null = null;
  let frozen = false;
  for (const wait of waits) {
    const requested = Math.max(ms(wait.requestedAt), received);
    // Between the previous receipt and this request the effective elapsed time is t - shift.
    if (lateAt + shift <= requested) break;
    if (wait.receivedAt === null) {
      frozen = true;
      break;
    }
    shift += Math.max(0, ms(wait.receivedAt) - requested);
  }
  if (!frozen) byElapsed = lateAt + shift;
  if (byCount === null) return byElapsed;
  if (byElapsed === null) return byCount;
  return Math.min(byCount, byElapsed);
}

/** The local days [from, to) of `range` not covered by any of `holes`. */
function subtract(range: DayRange, holes: DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  let cursor: string | null = range.from;
  const before = (a: string, b: string | null) => b === null || a < b;
  for (const hole of [...holes].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    if (cursor === null || !before(cursor, range.to)) break;
    if (hole.to !== null && hole.to <= cursor) continue;
    if (!before(hole.from, range.to)) break;
    if (cursor < hole.from) out.push({ from: cursor, to: hole.from });
    cursor = hole.to;
  }
  if (cursor !== null && before(cursor, range.to)) out.push({ from: cursor, to: range.to });
  return out;
}

/** What one dossier adds to the level metrics (deltas per local day; the projection stores their sum). */
export function dossierLevelContributions(facts: DossierFacts | null, ruleSet: IndicatorRuleSet): Contribution[] {
  if (!facts) return [];
  const receivedDay = localDay(facts.receivedAt);
  const endedDay = facts.endedAt ? localDay(facts.endedAt) : null;
  if (endedDay !== null && endedDay <= receivedDay) return [];
  const out: Contribution[] = [];
  const add = (metric: OpenLevelMetric, range: DayRange) => {
    if (range.to !== null && range.to <= range.from) return;
    out.push({ day: range.from, metric, count: 1 });
    if (range.to !== null) out.push({ day: range.to, metric, count: -1 });
  };
  add('level.open', { from: receivedDay, to: endedDay });
  const lateFrom = nationalLateFrom(facts, ruleSet);
  if (lateFrom !== null) {
    const lateDay = localDay(new Date(lateFrom).toISOString());
    add('level.national-late', { from: lateDay > receivedDay ? lateDay : receivedDay, to: endedDay });
  }
  if (facts.currentAppointmentAt) {
    const overdueDay = addCalendarDays(localDay(facts.currentAppointmentAt), 1);
    const waiting = facts.supplementWaits.map((wait) => ({
      from: localDay(wait.requestedAt),
      to: wait.receivedAt ? localDay(wait.receivedAt) : null,
    }));
    const start = overdueDay > receivedDay ? overdueDay : receivedDay;
    for (const range of subtract({ from: start, to: endedDay }, waiting)) add('level.overdue', range);
  }
  return out;
}
