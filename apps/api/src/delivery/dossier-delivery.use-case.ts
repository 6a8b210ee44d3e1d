import { Inject, Injectable } from '@nestjs/common';
import { canChangeReturnChannel, defaultReturnChannel, DomainError } from '@motcua/domain';
import {
  DeliveryRepository,
  DossierEntity,
  DossierRepository,
  PostalTrackingRepository,
  ReturnChannelRepository,
} from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeCondition } from '../identity/scope';
import { dossierNotFound } from '../dossier/dossier.use-case';
import { scopeOf } from '../identity/scope';
import { DeliveryResponseDto, UncollectedPageDto, UncollectedResultDto } from './dto/delivery-response.dto';
import { HandoverDto } from './dto/handover.dto';
import { ReturnChannelDto } from './dto/return-channel.dto';
import { completeStepTask } from '@motcua/application';

/**
 * The desk's side of returning results: the applicant's return channel (changeable until the result is ready), the
 * hand-over at the desk (who received it, the identity document shown), and the "ready but not collected" list.
 */
@Injectable()
export class DossierDeliveryUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async view(actor: Actor, dossierId: string): Promise<DeliveryResponseDto> {
    const manager = this.dataSource.manager;
    const dossier = await this.dossierInScope(manager, actor, dossierId, false);
    const choice = await new ReturnChannelRepository(manager).find(dossier.id);
    const delivery = await new DeliveryRepository(manager).findLatestForDossier(dossier.id);
    const tracking =
      delivery?.carrier && delivery.trackingNumber
        ? await new PostalTrackingRepository(manager).listForTracking(delivery.carrier, delivery.trackingNumber)
        : [];
    return DeliveryResponseDto.from(
      choice?.channel ?? defaultReturnChannel(dossier.channel),
      canChangeReturnChannel(dossier.status),
      delivery,
      tracking,
    );
  }

  async changeReturnChannel(actor: Actor, dossierId: string, dto: ReturnChannelDto): Promise<DeliveryResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossierInScope(manager, actor, dossierId, true);
      if (!canChangeReturnChannel(dossier.status)) {
        throw new DomainError(
          'delivery.channel-frozen',
          `Dossier ${dossier.code} is ${dossier.status}: the return channel can change only until the result is ready`,
          'conflict',
        );
      }
      const recipient =
        dto.channel === 'postal'
          ? (dto.recipient ?? {
              name: dossier.applicant.name,
              address: dossier.applicant.address,
              phone: dossier.applicant.phone,
            })
          : null;
      const now = this.clock.now();
      await new ReturnChannelRepository(manager).save({
        dossierId: dossier.id,
        channel: dto.channel,
        recipient,
        chosenAt: now,
        changedByUserId: actor.userId,
      });
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'return-channel-changed',
        payload: { channel: dto.channel, recipient },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
    });
    return this.view(actor, dossierId);
  }

  /** The desk hands the result over; the delivery step completes, so the dossier becomes `returned`. */
  async handOver(actor: Actor, dossierId: string, dto: HandoverDto): Promise<DeliveryResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossierInScope(manager, actor, dossierId, true);
      const deliveries = new DeliveryRepository(manager);
      const delivery = await deliveries.findLatestForDossier(dossier.id, { lock: true });
      if (!delivery || delivery.status !== 'awaiting-pickup') {
        throw new DomainError(
          'delivery.not-awaiting-pickup',
          `Dossier ${dossier.code} has no result waiting at the desk` +
            (delivery ? ` (its delivery is ${delivery.status} via ${delivery.channel})` : ''),
          'conflict',
        );
      }
      const now = this.clock.now();
      await deliveries.update(
        delivery.id,
        {
          status: 'delivered',
          deliveredAt: now,
          handedToName: dto.receivedBy.trim(),
          handedToIdentityDocument: dto.identityDocument.trim(),
          handedOverByUserId: actor.userId,
        },
        now,
      );
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'result-handed-over',
        payload: {
          deliveryId: delivery.id,
          receivedBy: dto.receivedBy.trim(),
          identityDocument: dto.identityDocument.trim(),
          note: dto.note ?? null,
          handedOverAt: now.toISOString(),
        },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      await completeStepTask(manager, {
        stepTaskId: delivery.stepTaskId,
        agencyId: null,
        outcome: 'approve',
        comment: `Trả kết quả tại bộ phận một cửa cho ${dto.receivedBy.trim()}`,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        now,
        mayOverrideAssignee: true,
      });
    });
    return this.view(actor, dossierId);
  }

  async uncollected(actor: Actor, page: number, pageSize: number): Promise<UncollectedPageDto> {
    const now = this.clock.now();
    const result = await new DeliveryRepository(this.dataSource.manager).listUncollected(
      scopeCondition(actor, 'd.receiving_agency_id'),
      page,
      pageSize,
    );
    return {
      items: result.items.map((row) => UncollectedResultDto.from(row, now)),
      page,
      pageSize,
      total: result.total,
    };
  }

  private async dossierInScope(
    manager: EntityManager,
    actor: Actor,
    dossierId: string,
    lock: boolean,
  ): Promise<DossierEntity> {
    const dossier = await new DossierRepository(manager).findInScope(dossierId, scopeOf(actor), { lock });
    if (!dossier) throw dossierNotFound(dossierId);
    return dossier;
  }
}
