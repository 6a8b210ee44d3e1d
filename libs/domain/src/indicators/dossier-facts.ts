import { isSatisfied, SATISFACTION_LEVELS, SatisfactionLevel } from '../citizen-feedback/satisfaction';
import type { DossierChannel } from '../dossier/dossier-channel';

const isSatisfiedLevel = (level: unknown): boolean =>
  (SATISFACTION_LEVELS as readonly unknown[]).includes(level) && isSatisfied(level as SatisfactionLevel);

/** How a counted dossier ended: a result, a refusal after appraisal, or the applicant's withdrawal. */
export type DossierEndKind = 'result' | 'refused' | 'withdrawn';

export interface SupplementWaitFact {
  requestedAt: string;
  /** Null while the applicant still owes the documents. */
  receivedAt: string | null;
}

/** What a procedure returns to the applicant (the catalog's `resultType`): a paper result, an electronic one, or both. */
export const PROCEDURE_RESULT_TYPES = ['paper', 'electronic', 'both'] as const;
export type ProcedureResultType = (typeof PROCEDURE_RESULT_TYPES)[number];

export interface HandoverFact {
  at: string;
  /** The receiving step is electronic (the process definition's `handover`). */
  electronic: boolean;
}

/**
 * Everything the indicators need about one received dossier, folded from its events (instants as ISO strings so the
 * record is plain JSON: it is stored as is and served by GET /reports/dossier-facts).
 */
export interface DossierFacts {
  dossierId: string;
  code: string;
  procedureId: string;
  procedureCode: string;
  agencyId: string;
  channel: DossierChannel;
  /**
   * The procedure's result type pinned at reception (the intake event's `resultType`; for intake events written
   * before it was recorded, the procedure's result type when folded). Decides whether an online dossier needs an
   * electronic result to count as an online submission (indicator-rules.ts `onlineSubmission`). Null: unknown.
   */
  resultType: ProcedureResultType | null;
  receivedAt: string;
  /** The appointment printed on the receipt (the national on-time indicator's reference). */
  originalAppointmentAt: string | null;
  /** The appointment in force (moved by supplement waits, apologies and calendar changes): the report's "due". */
  currentAppointmentAt: string | null;
  legalTimeMinutes: number | null;
  endedAt: string | null;
  endKind: DossierEndKind | null;
  returnedAt: string | null;
  supplementWaits: SupplementWaitFact[];
  feeAmount: number;
  feeRequestedAt: string | null;
  paymentChannel: 'online' | 'desk' | null;
  paidAt: string | null;
  handovers: HandoverFact[];
  lastStepAgencyId: string | null;
  digitizedResult: boolean;
  reusedAt: string | null;
  ratedAt: string | null;
  satisfied: boolean | null;
}

/** A dossier event as the indicator fold reads it, with the two attributes it needs from other records. */
export interface IndicatorEvent {
  dossierId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** The dossier's receiving agency (its desk); needed for 'intake-accepted'. */
  receivingAgencyId?: string | null;
  /** For 'step-started': the started step's hand-over kind (step_task.handover). */
  stepHandover?: 'electronic' | 'paper' | null;
  /**
   * For 'intake-accepted' events that predate the payload's `resultType`: the dossier's procedure's result type
   * (procedure.result_type). The payload's pinned value wins when present.
   */
  procedureResultType?: string | null;
}

/** Event types that change a dossier's facts (the subscriber's filter). */
export const INDICATOR_EVENT_TYPES = [
  'intake-accepted',
  'supplement-requested',
  'supplement-received',
  'apology-issued',
  'appointment-recomputed',
  'step-started',
  'result-ready',
  'result-returned',
  'result-handed-over',
  'refused',
  'withdrawn',
  'payment-requested',
  'payment-paid',
  'result-attached',
  'document-reused',
  'satisfaction-rated',
] as const;

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const resultTypeOf = (value: unknown): ProcedureResultType | null =>
  (PROCEDURE_RESULT_TYPES as readonly unknown[]).includes(value) ? (value as ProcedureResultType) : null;
const instant = (value: unknown): string | null => {
  const raw = text(value);
  return raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : null;
};

function received(event: IndicatorEvent): DossierFacts | null {
  const payload = event.payload;
  // Sub-dossiers (inter-agency work spawned by a step) are internal: the parent dossier is the one counted.
  if (payload.parentDossierId) return null;
  const procedureId = text(payload.procedureId);
  const agencyId = event.receivingAgencyId ?? null;
  const channel = text(payload.channel) as DossierChannel | null;
  if (!procedureId || !agencyId || !channel) return null;
  const appointment = instant(payload.appointmentAt);
  return {
    dossierId: event.dossierId,
    code: text(payload.code) ?? '',
    procedureId,
    procedureCode: text(payload.procedureCode) ?? '',
    agencyId,
    channel,
    resultType: resultTypeOf(payload.resultType) ?? resultTypeOf(event.procedureResultType),
    receivedAt: instant(payload.receivedAt) ?? event.occurredAt.toISOString(),
    originalAppointmentAt: appointment,
    currentAppointmentAt: appointment,
    legalTimeMinutes: typeof payload.legalTimeMinutes === 'number' ? payload.legalTimeMinutes : null,
    endedAt: null,
    endKind: null,
    returnedAt: null,
    supplementWaits: [],
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

function end(facts: DossierFacts, kind: DossierEndKind, at: string): DossierFacts {
  return facts.endedAt ? facts : { ...facts, endedAt: at, endKind: kind };
}

/**
 * Folds one event into a dossier's facts (null before the dossier is accepted). Pure and total: unknown event
 * types and events of uncounted dossiers leave the facts as they are, so the same fold serves the live projection,
 * the rebuild and the independent recomputation.
 */
export function foldDossierEvent(facts: DossierFacts | null, event: IndicatorEvent): DossierFacts | null {
  if (event.type === 'intake-accepted') return facts ?? received(event);
  if (!facts) return null;
  const at = event.occurredAt.toISOString();
  const payload = event.payload;
  switch (event.type) {
    case 'supplement-requested':
      return { ...facts, supplementWaits: [...facts.supplementWaits, { requestedAt: at, receivedAt: null }] };
    case 'supplement-received': {
      const waits = facts.supplementWaits.map((wait, index, all) =>
        index === all.length - 1 && wait.receivedAt === null ? { ...wait, receivedAt: at } : wait,
      );
      return {
        ...facts,
        supplementWaits: waits,
        currentAppointmentAt: instant(payload.appointmentAt) ?? facts.currentAppointmentAt,
      };
    }
    case 'apology-issued':
      return { ...facts, currentAppointmentAt: instant(payload.newAppointmentAt) ?? facts.currentAppointmentAt };
    case 'appointment-recomputed':
      return facts.endedAt
        ? facts
        : { ...facts, currentAppointmentAt: instant(payload.appointmentAt) ?? facts.currentAppointmentAt };
    case 'step-started': {
      const agencyId = text(payload.agencyId);
      if (!agencyId) return facts;
      const handovers =
        facts.lastStepAgencyId !== null && facts.lastStepAgencyId !== agencyId
          ? [...facts.handovers, { at, electronic: event.stepHandover === 'electronic' }]
          : facts.handovers;
      return { ...facts, handovers, lastStepAgencyId: agencyId };
    }
    case 'result-ready':
      return end(facts, 'result', at);
    case 'result-returned':
      return { ...end(facts, 'result', at), returnedAt: facts.returnedAt ?? at };
    case 'result-handed-over':
      return { ...facts, returnedAt: facts.returnedAt ?? at };
    case 'refused':
      return end(facts, 'refused', at);
    case 'withdrawn':
      return end(facts, 'withdrawn', at);
    case 'payment-requested': {
      const amount = typeof payload.amount === 'number' ? payload.amount : 0;
      if (amount <= 0) return facts;
      return { ...facts, feeAmount: Math.max(facts.feeAmount, amount), feeRequestedAt: facts.feeRequestedAt ?? at };
    }
    case 'payment-paid':
      if (facts.paidAt) return facts;
      return { ...facts, paidAt: at, paymentChannel: payload.channel === 'desk' ? 'desk' : 'online' };
    case 'result-attached':
      return payload.digitized === false ? facts : { ...facts, digitizedResult: true };
    case 'document-reused':
      return { ...facts, reusedAt: facts.reusedAt ?? at };
    case 'satisfaction-rated':
      // Written by the rating use case (apps/api/src/citizens): very satisfied / satisfied / dissatisfied.
      return { ...facts, ratedAt: at, satisfied: isSatisfiedLevel(payload.level) };
    default:
      return facts;
  }
}
