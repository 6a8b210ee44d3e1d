import {
  canonicalJson,
  checkReceivedAt,
  Clock,
  DEFAULT_RECEIVED_AT_BOUNDS,
  DomainError,
  DossierChannel,
  ReceivedAtBounds,
  ReturnChannel,
  WorkingCalendar,
} from '@motcua/domain';
import {
  AgencyEntity,
  AgencyRepository,
  CalendarRepository,
  DossierApplicant,
  DossierEntity,
  DossierRepository,
  PostalRecipient,
  ProcedureEntity,
  ProcedureRepository,
  ReceivedDocument,
} from '@motcua/persistence';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  intakeInvalid as invalid,
  receivedDocuments,
  returnChannelOf,
  supplementItems as supplementItemsOf,
} from './intake-submission';
import { IntakeOutcome, receiveDossier } from './receive-dossier.use-case';

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

/**
 * Desk, portal and postal intake (NĐ 61/2018 Art. 15–17): registers a dossier and ends in exactly one of
 * accepted (receipt + appointment, clock started), supplement requested (every missing item at once) or refused.
 * This class checks the submission (idempotency key, desk, procedure, channel, documents, back-dating); receiving
 * it (row, code counter, clock entry, event and outbox row, in one transaction) is `receiveDossier`, shared with the
 * sub-dossier step handler. A plain class so
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
    // First statement: a concurrent calendar edit either sees this dossier or is seen by it (the calendar's shared
    // lock); requests with the same idempotency key queue here (its lock). Both in one round trip.
    const dossiers = new DossierRepository(manager);
    await dossiers.lockForIntake(command.receivingAgencyId, command.idempotencyKey);
    // One round trip for the replay, the desk and the procedure; one by one only when the procedure is unknown.
    const context =
      (await dossiers.findIntakeContext(command.receivingAgencyId, command.procedureId, command.idempotencyKey)) ??
      (await this.readOneByOne(manager, command));
    if (context.existing) return this.replay(context.existing, command);
    const { agency, procedure } = context;
    if (!agency)
      throw new DomainError(
        'intake.unknown-agency',
        `receivingAgencyId: agency ${command.receivingAgencyId} not found`,
        'not-found',
      );
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

    const dossier = await receiveDossier(manager, {
      agency,
      procedure,
      calendar,
      channel: command.channel,
      outcome,
      receivedAt,
      now,
      applicant: { ...command.applicant, email: command.applicant.email ?? null },
      documents,
      numberOfSets: command.numberOfSets ?? 1,
      supplementItems,
      refusalReason: refusalReason ?? null,
      returnChannel: outcome === 'refuse' ? null : returnChannelOf(command),
      idempotencyKey: command.idempotencyKey,
      requestFingerprint: intakeFingerprint(command),
      parentDossierId: command.parentDossierId ?? null,
      actor: command.actor,
      lookupSecretKey: this.lookupSecretKey,
    });
    return { dossier, replayed: false };
  }

  private async readOneByOne(
    manager: EntityManager,
    command: IntakeCommand,
  ): Promise<{ existing: DossierEntity | null; agency: AgencyEntity | null; procedure: ProcedureEntity | null }> {
    const existing = await new DossierRepository(manager).findByIdempotencyKey(
      command.receivingAgencyId,
      command.idempotencyKey,
    );
    const agency = existing ? null : await new AgencyRepository(manager).findById(command.receivingAgencyId);
    const procedure = existing ? null : await new ProcedureRepository(manager).findById(command.procedureId);
    return { existing, agency, procedure };
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
