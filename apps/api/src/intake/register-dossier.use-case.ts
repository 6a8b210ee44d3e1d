import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError } from '@motcua/domain';
import { deriveLookupSecret } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { DossierResponseDto } from '../dossier/dto/dossier-response.dto';
import { RegisterDossierDto } from './dto/register-dossier.dto';
import { SubmitOnlineDossierDto } from './dto/submit-online-dossier.dto';
import { IntakeCommand, IntakeUseCase } from '@motcua/application';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface RegisteredDossier {
  created: boolean;
  body: DossierResponseDto;
}

/** HTTP-facing intake: maps DTOs onto `IntakeUseCase` for the desk (own agency) and for the online portal. */
@Injectable()
export class RegisterDossierUseCase {
  private readonly intake: IntakeUseCase;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(ClockService) clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {
    this.intake = new IntakeUseCase(dataSource, clock, config.LOOKUP_SECRET_KEY, {
      postalMaxWorkingDays: config.POSTAL_RECEIPT_MAX_AGE_WORKING_DAYS,
      otherChannels: config.RECEIPT_BACKDATE_OTHER_CHANNELS,
    });
  }

  /** A desk officer registers a dossier at their own agency's desk. */
  atDesk(actor: Actor, idempotencyKey: string | undefined, dto: RegisterDossierDto): Promise<RegisteredDossier> {
    return this.run({
      receivingAgencyId: actor.agencyId,
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      idempotencyKey: requireIdempotencyKey(idempotencyKey),
      procedureId: dto.procedureId,
      channel: dto.channel,
      receivedAt: dto.receivedAt ? new Date(dto.receivedAt) : undefined,
      applicant: dto.applicant,
      documents: dto.documents,
      numberOfSets: dto.numberOfSets,
      outcome: dto.outcome,
      supplementItems: dto.supplementItems,
      refusalReason: dto.refusalReason,
      returnChannel: dto.returnChannel,
    });
  }

  /** The online portal submits a dossier (channel online, received at the server clock). */
  online(idempotencyKey: string | undefined, dto: SubmitOnlineDossierDto): Promise<RegisteredDossier> {
    return this.run({
      receivingAgencyId: dto.receivingAgencyId,
      actor: null,
      idempotencyKey: requireIdempotencyKey(idempotencyKey),
      procedureId: dto.procedureId,
      channel: 'online',
      applicant: dto.applicant,
      documents: dto.documents,
      numberOfSets: dto.numberOfSets,
      returnChannel: dto.returnChannel,
    });
  }

  private async run(command: IntakeCommand): Promise<RegisteredDossier> {
    const { dossier, replayed } = await this.intake.register(command);
    const secret = replayed ? undefined : deriveLookupSecret(this.config.LOOKUP_SECRET_KEY, dossier.id);
    return { created: !replayed, body: DossierResponseDto.from(dossier, secret) };
  }
}

function requireIdempotencyKey(value: string | undefined): string {
  if (!value || !IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError(
      'intake.idempotency-key',
      'Idempotency-Key: header is required (8–128 characters: letters, digits, . _ : -), one per submission',
      'invalid',
      { field: 'Idempotency-Key' },
    );
  }
  return value;
}
