import { Inject, Injectable } from '@nestjs/common';
import { assertRatable, DomainError } from '@motcua/domain';
import { DossierRepository, insertSatisfactionRating } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import { scopeOf } from '../identity/scope';
import type { Actor } from '../identity/access.decorator';
import { verifyCitizenDossier } from './citizen-secret';
import { CitizenRatingDto, DeskRatingDto, RatingResponseDto } from './dto/rating.dto';

/**
 * Satisfaction rating, once per dossier after its result was returned: by the applicant (link: code + secret) or
 * recorded at the desk. A second rating is refused (409). The 'satisfaction-rated' event feeds the indicators.
 */
@Injectable()
export class RatingUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  rateByLink(code: string, dto: CitizenRatingDto): Promise<RatingResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const dossier = await verifyCitizenDossier(manager, code, dto.secret);
      return this.rate(manager, dossier, dto, 'link', null);
    });
  }

  rateAtDesk(actor: Actor, dossierId: string, dto: DeskRatingDto): Promise<RatingResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const dossier = await new DossierRepository(manager).findInScope(dossierId, scopeOf(actor));
      if (!dossier) throw new DomainError('dossier.not-found', `Dossier ${dossierId} not found`, 'not-found');
      return this.rate(
        manager,
        { id: dossier.id, status: dossier.status, agencyId: dossier.receivingAgencyId },
        dto,
        'desk',
        actor,
      );
    });
  }

  private async rate(
    manager: EntityManager,
    dossier: { id: string; status: string; agencyId: string },
    dto: DeskRatingDto,
    via: 'link' | 'desk',
    actor: Actor | null,
  ): Promise<RatingResponseDto> {
    assertRatable(dossier.status);
    const now = this.clock.now();
    const criteria = dto.criteria ?? {};
    const recorded = await insertSatisfactionRating(manager, {
      dossierId: dossier.id,
      agencyId: dossier.agencyId,
      level: dto.level,
      criteria,
      comment: dto.comment?.trim() || null,
      via,
      recordedBy: actor?.userId ?? null,
      ratedAt: now,
    });
    if (!recorded) throw new DomainError('rating.already-rated', 'This dossier has already been rated', 'conflict');
    await appendDossierEvent(manager, {
      dossierId: dossier.id,
      type: 'satisfaction-rated',
      payload: { level: dto.level, criteria, via },
      actor: actor ? { userId: actor.userId, agencyId: actor.agencyId } : null,
      occurredAt: now,
    });
    return { level: dto.level, via, ratedAt: now.toISOString() };
  }
}
