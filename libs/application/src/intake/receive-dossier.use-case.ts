import {
  assessFees,
  DossierChannel,
  DossierEvent,
  dossierCodePrefix,
  effectiveCutoffTime,
  feeBasisOf,
  formatDossierCode,
  allowedSupplementClock,
  INITIAL_DOSSIER_STATUS,
  nextStatus,
  ReturnChannel,
  ruleSetForReception,
  WorkingCalendar,
} from '@motcua/domain';
import {
  deriveLookupSecret,
  DossierApplicant,
  DossierEntity,
  DossierEventActor,
  DossierRepository,
  hashLookupSecret,
  PostalRecipient,
  ProcedureEntity,
  ReceivedDocument,
  ReturnChannelRepository,
  SupplementItem,
} from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { recordClockEntry } from '../clock/record-clock-entry.use-case';

export const INTAKE_OUTCOMES = ['accept', 'request-supplement', 'refuse'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

const EVENT_BY_OUTCOME: Record<IntakeOutcome, { event: DossierEvent; type: string }> = {
  accept: { event: 'accept', type: 'intake-accepted' },
  'request-supplement': { event: 'request-supplement', type: 'intake-supplement-requested' },
  refuse: { event: 'refuse', type: 'intake-refused' },
};

/** A submission already checked by its caller (desk / portal / postal intake, or a spawning step). */
export interface ReceiveDossierInput {
  agency: { id: string; identifier: string };
  procedure: ProcedureEntity;
  /** The calendar the caller's transaction read (intake: under the shared calendar lock; routing: its own). */
  calendar: WorkingCalendar;
  channel: DossierChannel;
  outcome: IntakeOutcome;
  /** When the dossier was received (counting start, code date); `now` is when this transaction records it. */
  receivedAt: Date;
  now: Date;
  applicant: DossierApplicant;
  documents: ReceivedDocument[];
  numberOfSets: number;
  supplementItems: SupplementItem[] | null;
  refusalReason: string | null;
  returnChannel: { channel: ReturnChannel; recipient: PostalRecipient | null } | null;
  idempotencyKey: string;
  requestFingerprint: string | null;
  parentDossierId: string | null;
  /** Pinned at reception (a linked sub-dossier); otherwise the router pins the latest published one. */
  processDefinitionId?: string | null;
  actor: DossierEventActor | null;
  lookupSecretKey: string;
  /** Extra fields of the intake event (a sub-dossier's link to its parent and spawning step). */
  eventPayload?: Record<string, unknown>;
}

/** The code a dossier row carries inside its intake transaction until the counter gives the real one. */
export function provisionalDossierCode(id: string): string {
  return `provisional:${id}`;
}

/**
 * THE one way a dossier is received (NĐ 61/2018 Art. 15–19), in the caller's transaction: the row with its lookup
 * secret, the counting start and appointment of an accepted dossier (per-procedure cut-off, Art. 18), its clock
 * started through the one arming path, the return channel, the code from the receiving agency's per-day counter
 * (taken last) and the intake event whose outbox row routes it. Desk/portal/postal intake (`IntakeUseCase`) and the
 * sub-dossier step handler both call it; test/foundation/one-home-rules.spec.ts fails for a copy elsewhere.
 */
export async function receiveDossier(manager: EntityManager, input: ReceiveDossierInput): Promise<DossierEntity> {
  const { agency, procedure, calendar, receivedAt, now } = input;
  const dossiers = new DossierRepository(manager);
  // The decree in force on the reception date governs the dossier (not the one the catalog row was written under).
  const ruleSet = ruleSetForReception(procedure.ruleSetId, receivedAt);
  const { event, type } = EVENT_BY_OUTCOME[input.outcome];
  const status = nextStatus(INITIAL_DOSSIER_STATUS, event);

  // A fee that could never be asked (over the cap) is refused here, with the submission, not in the payment worker.
  if (procedure.feeRule && procedure.feeRule.mode !== 'none') assessFees(procedure.feeRule, feeBasisOf(input));

  let countingStartedAt: Date | null = null;
  let appointmentAt: Date | null = null;
  if (input.outcome === 'accept') {
    // Cut-off (NĐ 61/2018 Art. 18: after 15:00 → next working day): the procedure's, 'none', or the rule set's.
    countingStartedAt = calendar.countingStart(receivedAt, {
      cutoff: effectiveCutoffTime(procedure.cutoffTime, ruleSet),
    });
    appointmentAt = calendar.addWorkingMinutes(countingStartedAt, procedure.legalTimeMinutes);
  }

  const id = randomUUID();
  const dossier = await dossiers.insertDossier({
    id,
    // Replaced by the real code just before the event (see below); unique, and never seen outside this transaction.
    code: provisionalDossierCode(id),
    procedureId: procedure.id,
    receivingAgencyId: agency.id,
    channel: input.channel,
    status,
    applicant: input.applicant,
    applicantName: input.applicant.name,
    documents: input.documents,
    numberOfSets: input.numberOfSets,
    receivedAt,
    countingStartedAt,
    appointmentAt,
    originalAppointmentAt: appointmentAt,
    legalTimeMinutes: procedure.legalTimeMinutes,
    ruleSetId: ruleSet.id,
    // Pinned: a later change of the procedure's choice never moves an appointment already promised.
    supplementClock: allowedSupplementClock(ruleSet, procedure.supplementClock),
    supplementItems: input.supplementItems,
    refusalReason: input.refusalReason,
    lookupSecretHash: hashLookupSecret(deriveLookupSecret(input.lookupSecretKey, id)),
    idempotencyKey: input.idempotencyKey,
    requestFingerprint: input.requestFingerprint,
    parentDossierId: input.parentDossierId,
    ...(input.processDefinitionId !== undefined ? { processDefinitionId: input.processDefinitionId } : {}),
    createdByUserId: input.actor?.userId ?? null,
  });
  if (input.returnChannel) {
    await new ReturnChannelRepository(manager).save({
      dossierId: id,
      ...input.returnChannel,
      chosenAt: now,
      changedByUserId: input.actor?.userId ?? null,
    });
  }
  if (countingStartedAt) {
    // The dossier's deadline timers are armed in this transaction (the one arming path).
    await recordClockEntry(
      manager,
      { dossierId: id, type: 'start', at: countingStartedAt, actorUserId: input.actor?.userId ?? null },
      now,
    );
  }
  // The per-agency-per-day counter row is the one lock every intake at this desk queues on: it is taken last,
  // so it is held for the code update, the event and the commit only (codes stay gap-free: a rollback undoes it).
  // One statement takes the counter and sets the code (the SQL pads as formatDossierCode does; checked below).
  const localDate = calendar.localDateOf(receivedAt);
  const prefix = dossierCodePrefix(agency.identifier, localDate);
  const { sequence, code } = await dossiers.assignCodeFromCounter(id, agency.id, localDate, prefix);
  if (code !== formatDossierCode(agency.identifier, localDate, sequence)) {
    throw new Error(`dossier code ${code} differs from the formatted code of sequence ${sequence}`);
  }
  dossier.code = code;
  await appendDossierEvent(manager, {
    dossierId: id,
    type,
    payload: {
      code,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      // Pinned for the online-submission indicator (a paper result required → counted with an electronic result).
      resultType: procedure.resultType,
      channel: input.channel,
      status,
      receivedAt: receivedAt.toISOString(),
      documents: input.documents,
      ...(countingStartedAt && appointmentAt
        ? {
            countingStartedAt: countingStartedAt.toISOString(),
            appointmentAt: appointmentAt.toISOString(),
            legalTimeMinutes: procedure.legalTimeMinutes,
            cutoffTime: procedure.cutoffTime,
          }
        : {}),
      ...(input.supplementItems ? { supplementItems: input.supplementItems } : {}),
      ...(input.refusalReason ? { refusalReason: input.refusalReason } : {}),
      ...(input.returnChannel ? { returnChannel: input.returnChannel.channel } : {}),
      ...input.eventPayload,
    },
    actor: input.actor,
    occurredAt: now,
  });
  return dossier;
}
