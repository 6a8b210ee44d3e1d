import { Inject, Injectable } from '@nestjs/common';
import { DomainError, nextStatus } from '@motcua/domain';
import { stopClockIfRunning } from '@motcua/application';
import { DossierEntity, DossierRepository, verifyDossierEventChain } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeCondition } from '../identity/scope';
import { scopeOf } from '../identity/scope';
import { DossierListQueryDto } from './dto/dossier-list-query.dto';
import { DossierListItemDto, DossierPageDto } from './dto/dossier-page.dto';
import { ChainVerificationDto } from './dto/chain-verification.dto';
import { DossierResponseDto } from './dto/dossier-response.dto';
import { WithdrawDossierDto } from './dto/withdraw-dossier.dto';

export function dossierNotFound(id: string): DomainError {
  return new DomainError('dossier.not-found', `Dossier ${id} not found`, 'not-found', { dossierId: id });
}

/** Reading a dossier, withdrawing it, verifying its event chain; always within the actor's scope. */
@Injectable()
export class DossierUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async load(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<DossierEntity> {
    const dossier = await new DossierRepository(manager).findInScope(id, scopeOf(actor));
    if (!dossier) throw dossierNotFound(id);
    return dossier;
  }

  /** The dossiers received by agencies in the actor's scope (filtered in SQL), newest first. */
  async list(actor: Actor, query: DossierListQueryDto): Promise<DossierPageDto> {
    const receivedFrom = query.receivedFrom ? new Date(query.receivedFrom) : undefined;
    const receivedTo = query.receivedTo ? new Date(query.receivedTo) : undefined;
    if (receivedFrom && receivedTo && receivedFrom.getTime() > receivedTo.getTime()) {
      throw new DomainError('dossier.list-range', 'receivedTo: must not be before receivedFrom', 'invalid', {
        field: 'receivedTo',
      });
    }
    const page = await new DossierRepository(this.dataSource.manager).listInScope(
      scopeCondition(actor, 'dossier.receiving_agency_id'),
      {
        status: query.status,
        procedureId: query.procedureId,
        channel: query.channel,
        codePrefix: query.code,
        applicantName: query.applicantName,
        receivedFrom,
        receivedTo,
      },
      query.page,
      query.pageSize,
    );
    return { ...page, items: page.items.map(DossierListItemDto.from) };
  }

  async get(actor: Actor, id: string): Promise<DossierResponseDto> {
    const dossier = await this.load(actor, id);
    return DossierResponseDto.from(
      dossier,
      undefined,
      await new DossierRepository(this.dataSource.manager).findChildIds(dossier.id),
    );
  }

  /** Withdrawal by the applicant before a result (state machine in @motcua/domain); stops the clock. */
  async withdraw(actor: Actor, id: string, dto: WithdrawDossierDto): Promise<DossierResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const dossiers = new DossierRepository(manager);
      const dossier = await dossiers.findInScope(id, scopeOf(actor), { lock: true });
      if (!dossier) throw dossierNotFound(id);
      const status = nextStatus(dossier.status, 'withdraw');
      const now = this.clock.now();
      if (!(await dossiers.updateIfVersion(id, dossier.version, { status }))) {
        throw new DomainError(
          'dossier.concurrent-update',
          'The dossier changed meanwhile; reload and retry',
          'conflict',
        );
      }
      await stopClockIfRunning(
        manager,
        { dossierId: id, at: now, reason: 'withdrawn', actorUserId: actor.userId },
        now,
      );
      await appendDossierEvent(manager, {
        dossierId: id,
        type: 'withdrawn',
        payload: { from: dossier.status, status, reason: dto.reason },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      return DossierResponseDto.from(
        (await dossiers.findById(id)) as DossierEntity,
        undefined,
        await dossiers.findChildIds(id),
      );
    });
  }

  async verifyChain(actor: Actor, id: string): Promise<ChainVerificationDto> {
    await this.load(actor, id);
    return { dossierId: id, ...(await verifyDossierEventChain(this.dataSource.manager, id)) };
  }
}
