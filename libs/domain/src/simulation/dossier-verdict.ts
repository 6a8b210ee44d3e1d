import { WorkingCalendar } from '../calendar/working-calendar';
import { ClockEntry, computeClockState } from '../deadline/clock-state';
import {
  classifyByCalendarDate,
  classifyInProgressByCalendarDate,
  classifyNationalOnTime,
  SupplementWait,
} from '../deadline/on-time-classification';
import type { DossierFacts } from '../indicators/dossier-facts';
import type { IndicatorRuleSet } from '../indicators/indicator-rules';

/** What the simulator knows about one dossier when it is judged. */
export interface SimulatedDossierRecord {
  index: number;
  procedureCode: string;
  agencyCode: string;
  online: boolean;
  receivedAtMs: number;
  legalTimeMinutes: number;
  ledger: ClockEntry[];
  supplementWaits: Array<{ requestedAtMs: number; receivedAtMs: number | null }>;
  endedAtMs: number | null;
  endKind: 'result' | 'refused' | null;
}

export interface DossierVerdict {
  /** National on-time verdict (judged at the end, or at `at` while open). */
  nationalOnTime: boolean;
  /** Periodic report: resolved late / open overdue by calendar date of the current appointment. */
  lateByDate: boolean;
  originalAppointmentMs: number | null;
  open: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The dossier as the indicator projection would record it (same `DossierFacts` shape the event fold produces),
 * with its appointments from the clock ledger folded by `computeClockState`.
 */
export function simulatedDossierFacts(
  record: SimulatedDossierRecord,
  calendar: WorkingCalendar,
  supplementClock: 'pause' | 'restart',
  at: Date,
): DossierFacts {
  const state = computeClockState(record.ledger, {
    budgetMinutes: record.legalTimeMinutes,
    calendar,
    supplementClock,
    now: at,
  });
  const current = state.deadline ?? state.deadlineBeforePause;
  return {
    dossierId: String(record.index),
    code: String(record.index),
    procedureId: record.procedureCode,
    procedureCode: record.procedureCode,
    agencyId: record.agencyCode,
    channel: record.online ? 'online' : 'in-person',
    // The simulator does not model results: its procedures count as electronic-result ones (every online dossier
    // counts for the online-submission rate).
    resultType: 'electronic',
    receivedAt: new Date(record.receivedAtMs).toISOString(),
    originalAppointmentAt: iso(state.originalDeadline?.getTime() ?? null),
    currentAppointmentAt: iso(current?.getTime() ?? null),
    legalTimeMinutes: record.legalTimeMinutes,
    endedAt: iso(record.endedAtMs),
    endKind: record.endKind,
    returnedAt: null,
    supplementWaits: record.supplementWaits.map((wait) => ({
      requestedAt: new Date(wait.requestedAtMs).toISOString(),
      receivedAt: iso(wait.receivedAtMs),
    })),
    feeAmount: 0,
    feeRequestedAt: null,
    paymentChannel: null,
    paidAt: null,
    handovers: [],
    lastStepAgencyId: null,
    digitizedResult: false,
    reusedAt: null,
    ratedAt: null,
    satisfied: null,
  };
}

/**
 * The dossier's verdicts: at its end when it ended by `at`, otherwise as an open dossier at `at`. The same rules as
 * the indicator projection (`nationalOnTimeAt`, `openDossierStateAt` over `simulatedDossierFacts`; a unit test keeps
 * them equal), computed on instants directly because a province-year judges a million dossiers.
 */
export function judgeSimulatedDossier(
  record: SimulatedDossierRecord,
  calendar: WorkingCalendar,
  supplementClock: 'pause' | 'restart',
  ruleSet: IndicatorRuleSet,
  at: Date,
): DossierVerdict {
  const ended = record.endedAtMs !== null && record.endedAtMs <= at.getTime();
  const judgedAt = ended ? new Date(record.endedAtMs!) : at;
  const state = computeClockState(record.ledger, {
    budgetMinutes: record.legalTimeMinutes,
    calendar,
    supplementClock,
    now: judgedAt,
  });
  const current = state.deadline ?? state.deadlineBeforePause;
  const atMs = judgedAt.getTime();
  const waits = record.supplementWaits.filter((wait) => wait.requestedAtMs <= atMs);
  const pending = waits.find((wait) => wait.receivedAtMs === null || wait.receivedAtMs > atMs);
  const completed: SupplementWait[] = [];
  for (const wait of waits) {
    if (wait !== pending && wait.receivedAtMs !== null) {
      completed.push({ from: new Date(wait.requestedAtMs), to: new Date(wait.receivedAtMs) });
    }
  }
  const original = state.originalDeadline;
  const nationalOnTime = original
    ? classifyNationalOnTime({
        receivedAt: new Date(record.receivedAtMs),
        endAt: judgedAt,
        appointmentAt: original,
        supplementRequestCount: waits.length,
        completedSupplementWaits: completed,
        waitingForSupplementSince: pending ? new Date(pending.requestedAtMs) : null,
        maxSupplementRequests: ruleSet.maxSupplementRequestsForOnTime,
      }).onTime
    : waits.length <= ruleSet.maxSupplementRequestsForOnTime;
  return {
    nationalOnTime,
    lateByDate: ended
      ? classifyByCalendarDate(judgedAt, current) === 'late'
      : classifyInProgressByCalendarDate(current, judgedAt, pending !== undefined) === 'overdue',
    originalAppointmentMs: original?.getTime() ?? null,
    open: !ended,
  };
}
