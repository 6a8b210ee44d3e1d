// File length: desk and portal intake share one transaction (code, appointment, events, outbox); it moves to a shared application lib with the step-handler refactor (branch `arch`).
import {
  checkReceivedAt,
  canonicalJson,
  Clock,
  DEFAULT_RECEIVED_AT_BOUNDS,
  DomainError,
  DossierChannel,
  effectiveCutoffTime,
  DossierEvent,
  formatDossierCode,
  allowedSupplementClock,
  ruleSetForReception,
  INITIAL_DOSSIER_STATUS,
  nextStatus,
  ReceivedAtBounds,
  ReturnChannel,
  WorkingCalendar,
} from '@motcua/domain';
import {
  AgencyRepository,
  CalendarRepository,
  deriveLookupSecret,
  DossierApplicant,
  DossierEntity,
  DossierRepository,
  hashLookupSecret,
  PostalRecipient,
  ProcedureRepository,
  ReceivedDocument,
  ReturnChannelRepository,
} from '@motcua/persistence';
import { recordClockEntry } from '@motcua/application';
import { appendDossierEvent } from '@motcua/platform';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  intakeInvalid as invalid,
  receivedDocuments,
  returnChannelOf,
  supplementItems as supplementItemsOf,
} from './intake-submission';

export const INTAKE_OUTCOMES = ['accept', 'request-supplement', 'refuse'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

export { MISSING_DOCUMENT_REASON } from './intake-submission';

export interface IntakeCommand {
  /** The desk that receives (the desk officer's own agency, or the one a portal submission names). */
  receivingAgencyId: string;
  actor: { userId: string | null; agencyId: string | null } | null;
  idempotencyKey: string;
  procedureId: string;
  channel: DossierChannel;
  /** Submission instant; defaults to the server clock. Postal: the hand-over record time (required). */
  receivedAt?: Date;
  applicant: DossierApplicant;
  documents: Array<{ code: string; form: ReceivedDocument['form']; count: number }>;
  numberOfSets?: number;
  /** Online submissions leave it out: complete → accept, incomplete → one supplement notice listing everything. */
  outcome?: IntakeOutcome;
  supplementItems?: Array<{ documentCode: string; reason: string }>;
  refusalReason?: string;
  parentDossierId?: string | null;
  /** How the result goes back; omitted → the default of the submission channel (desk / online / postal). */
  returnChannel?: { channel: ReturnChannel; recipient?: PostalRecipient | null };
}

export interface IntakeResult {
  dossier: DossierEntity;
  /** True when the idempotency key had already created this dossier. */
  replayed: boolean;
}

const EVENT_BY_OUTCOME: Record<IntakeOutcome, { event: DossierEvent; type: string }> = {
  accept: { event: 'accept', type: 'intake-accepted' },
  'request-supplement': { event: 'request-supplement', type: 'intake-supplement-requested' },
  refuse: { event: 'refuse', type: 'intake-refused' },
};

/**
 * sha256 of what the client submitted under an Idempotency-Key (never the server clock, never the actor), with
 * defaults applied so an omitted default and its explicit value fingerprint alike.
 */
export function intakeFingerprint(command: IntakeCommand): string {
  const submission = {
    receivingAgencyId: command.receivingAgencyId,
    procedureId: command.procedureId,
    channel: command.channel,
    receivedAt: command.receivedAt ? command.receivedAt.toISOString() : null,
    applicant: { ...command.applicant, email: command.applicant.email ?? null },
    documents: command.documents,
    numberOfSets: command.numberOfSets ?? 1,
    outcome: command.outcome ?? null,
    supplementItems: command.supplementItems ?? null,
    refusalReason: command.refusalReason ?? null,
    parentDossierId: command.parentDossierId ?? null,
    // Only when given: keys stored before return channels were an intake field still replay.
    ...(command.returnChannel
      ? {
          returnChannel: { channel: command.returnChannel.channel, recipient: command.returnChannel.recipient ?? null },
        }
      : {}),
  };
  return createHash('sha256').update(canonicalJson(submission)).digest('hex');
}

/** The code a dossier row carries inside its intake transaction until the counter gives the real one. */
export function provisionalDossierCode(id: string): string {
  return `provisional:${id}`;
}

/**
 * Desk, portal and postal intake (NĐ 61/2018 Art. 15–17): registers a dossier and ends in exactly one of
 * accepted (receipt + appointment, clock started), supplement requested (every missing item at once) or refused.
 * Dossier row, code counter, clock entry, event and outbox row commit in one transaction. A plain class so
 * tests can run it on several DataSources at once.
 */
export class IntakeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly lookupSecretKey: string,
    private readonly receivedAtBounds: ReceivedAtBounds = DEFAULT_RECEIVED_AT_BOUNDS,
  ) {}

  async register(command: IntakeCommand): Promise<IntakeResult> {
    try {
      return await this.dataSource.transaction((manager) => this.registerIn(manager, command));
    } catch (error) {
      // Last line of defence: another transaction inserted the same key first (the advisory lock normally prevents it).
      if (
        error instanceof QueryFailedError &&
        (error as QueryFailedError & { constraint?: string }).constraint === 'dossier_idempotency_key'
      ) {
        const existing = await new DossierRepository(this.dataSource.manager).findByIdempotencyKey(
          command.receivingAgencyId,
          command.idempotencyKey,
        );
        if (existing) return this.replay(existing, command);
      }
      throw error;
    }
  }

  private async registerIn(manager: EntityManager, command: IntakeCommand): Promise<IntakeResult> {
    // First statement: a concurrent calendar edit either sees this dossier or is seen by it.
    await new CalendarRepository(manager).lockForReading();
    const dossiers = new DossierRepository(manager);
    await dossiers.lockIdempotencyKey(command.receivingAgencyId, command.idempotencyKey);
    const existing = await dossiers.findByIdempotencyKey(command.receivingAgencyId, command.idempotencyKey);
    if (existing) return this.replay(existing, command);

    const agency = await new AgencyRepository(manager).findById(command.receivingAgencyId);
    if (!agency)
      throw new DomainError(
        'intake.unknown-agency',
        `receivingAgencyId: agency ${command.receivingAgencyId} not found`,
        'not-found',
      );
    const procedure = await new ProcedureRepository(manager).findById(command.procedureId);
    if (!procedure || !procedure.active) {
      throw invalid('procedureId', `no active procedure with id ${command.procedureId}`, 'intake.unknown-procedure');
    }
    if (procedure.receivingAgencyIds.length > 0 && !procedure.receivingAgencyIds.includes(agency.id)) {
      throw invalid('procedureId', `procedure ${procedure.code} is not received at the desk of ${agency.name}`);
    }
    if (!procedure.channels.includes(command.channel)) {
      throw invalid(
        'channel',
        `procedure ${procedure.code} does not accept '${command.channel}' submissions (allowed: ${procedure.channels.join(', ')})`,
      );
    }

    const now = this.clock.now();
    const calendar = await new CalendarRepository(manager).loadCalendar();
    const receivedAt = this.receivedAt(command, now, calendar);
    const documents = receivedDocuments(procedure, command.documents);
    const missing = procedure.requiredDocuments.filter(
      (required) => required.mandatory && !documents.some((document) => document.code === required.code),
    );
    const outcome = command.outcome ?? (missing.length > 0 ? 'request-supplement' : 'accept');
    if (outcome === 'accept' && missing.length > 0) {
      throw invalid(
        'documents',
        `mandatory documents missing: ${missing.map((document) => `${document.code} (${document.name})`).join(', ')}; choose the outcome 'request-supplement' to ask for them`,
        'intake.missing-mandatory-documents',
      );
    }
    const supplementItems =
      outcome === 'request-supplement' ? supplementItemsOf(procedure, missing, command.supplementItems ?? []) : null;
    const refusalReason = outcome === 'refuse' ? command.refusalReason?.trim() : undefined;
    if (outcome === 'refuse' && !refusalReason) throw invalid('refusalReason', 'a refusal needs a reason');

    // The decree in force on the reception date governs the dossier (not the one the catalog row was written under).
    const ruleSet = ruleSetForReception(procedure.ruleSetId, receivedAt);
    const { event, type } = EVENT_BY_OUTCOME[outcome];
    const status = nextStatus(INITIAL_DOSSIER_STATUS, event);

    let countingStartedAt: Date | null = null;
    let appointmentAt: Date | null = null;
    if (outcome === 'accept') {
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
      channel: command.channel,
      status,
      applicant: { ...command.applicant, email: command.applicant.email ?? null },
      applicantName: command.applicant.name,
      documents,
      numberOfSets: command.numberOfSets ?? 1,
      receivedAt,
      countingStartedAt,
      appointmentAt,
      originalAppointmentAt: appointmentAt,
      legalTimeMinutes: procedure.legalTimeMinutes,
      ruleSetId: ruleSet.id,
      // Pinned: a later change of the procedure's choice never moves an appointment already promised.
      supplementClock: allowedSupplementClock(ruleSet, procedure.supplementClock),
      supplementItems,
      refusalReason: refusalReason ?? null,
      lookupSecretHash: hashLookupSecret(deriveLookupSecret(this.lookupSecretKey, id)),
      idempotencyKey: command.idempotencyKey,
      requestFingerprint: intakeFingerprint(command),
      parentDossierId: command.parentDossierId ?? null,
      createdByUserId: command.actor?.userId ?? null,
    });
    const returnChannel = outcome === 'refuse' ? null : returnChannelOf(command);
    if (returnChannel) {
      await new ReturnChannelRepository(manager).save({
        dossierId: id,
        ...returnChannel,
        chosenAt: now,
        changedByUserId: command.actor?.userId ?? null,
      });
    }
    if (countingStartedAt) {
      // The dossier's deadline timers are armed in this transaction (the one arming path).
      await recordClockEntry(
        manager,
        { dossierId: id, type: 'start', at: countingStartedAt, actorUserId: command.actor?.userId ?? null },
        now,
      );
    }
    // The per-agency-per-day counter row is the one lock every intake at this desk queues on: it is taken last,
    // so it is held for the code update, the event and the commit only (codes stay gap-free: a rollback undoes it).
    const localDate = calendar.localDateOf(receivedAt);
    const code = formatDossierCode(agency.identifier, localDate, await dossiers.nextCodeSequence(agency.id, localDate));
    await dossiers.setCode(id, code);
    dossier.code = code;
    await appendDossierEvent(manager, {
      dossierId: id,
      type,
      payload: {
        code,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        channel: command.channel,
        status,
        receivedAt: receivedAt.toISOString(),
        documents,
        ...(countingStartedAt && appointmentAt
          ? {
              countingStartedAt: countingStartedAt.toISOString(),
              appointmentAt: appointmentAt.toISOString(),
              legalTimeMinutes: procedure.legalTimeMinutes,
              cutoffTime: procedure.cutoffTime,
            }
          : {}),
        ...(supplementItems ? { supplementItems } : {}),
        ...(refusalReason ? { refusalReason } : {}),
        ...(returnChannel ? { returnChannel: returnChannel.channel } : {}),
      },
      actor: command.actor,
      occurredAt: now,
    });
    return { dossier, replayed: false };
  }

  /** The same key and the same submission replay the dossier; the same key with another submission is refused. */
  private replay(existing: DossierEntity, command: IntakeCommand): IntakeResult {
    // Rows from before fingerprints were stored (null) can only be replayed.
    if (existing.requestFingerprint && existing.requestFingerprint !== intakeFingerprint(command)) {
      throw new DomainError(
        'intake.idempotency-key-reused',
        `Idempotency-Key: this Idempotency-Key was already used for a different submission (dossier ${existing.code}); use a new key for a new submission, or resend exactly the same body to get that dossier back`,
        'conflict',
        { field: 'Idempotency-Key' },
      );
    }
    return { dossier: existing, replayed: true };
  }

  private receivedAt(command: IntakeCommand, now: Date, calendar: WorkingCalendar): Date {
    if (command.channel === 'postal' && !command.receivedAt) {
      throw invalid(
        'receivedAt',
        'a postal dossier needs the time the hand-over record was signed (QĐ 45/2016 Art. 7)',
      );
    }
    const receivedAt = command.receivedAt ?? now;
    // Back-dating is bounded by configuration (postal hand-over records: a few working days; others: same day).
    checkReceivedAt(receivedAt, now, command.channel, calendar, this.receivedAtBounds);
    return receivedAt;
  }
}

// The pure checks of the submission (documents, supplement items, return channel) are in intake-submission.ts.
