import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { canAdvanceShipment, DomainError } from '@motcua/domain';
import { PostalCarrier, PostalWebhookRejectedError, TrackingEvent } from '@motcua/integrations';
import { DeliveryRepository, lockDossierRow, PostalTrackingRepository } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { POSTAL_CARRIER } from './postal-carrier.provider';
import { completeStepTask } from '@motcua/application';

export interface WebhookOutcome {
  /** false for a redelivered event (already recorded) */
  recorded: boolean;
  /** whether the event moved the shipment (a late or out-of-order report is recorded but changes nothing) */
  applied: boolean;
  shipmentStatus: string | null;
}

/**
 * A carrier's signed status webhook (QĐ 45/2016: the operator returns the result against signature): verified over
 * the raw body, recorded once per carrier event id (redeliveries are no-ops), applied when it is the shipment's next
 * state. Delivered → the delivery step completes (dossier `returned`); returned to sender → the result waits at the
 * desk and appears in the "ready but not collected" list.
 */
@Injectable()
export class PostalWebhookUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(POSTAL_CARRIER) private readonly carrier: PostalCarrier,
  ) {}

  async receive(
    carrierName: string,
    rawBody: Buffer | undefined,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<WebhookOutcome> {
    if (carrierName !== this.carrier.name) {
      throw new DomainError('postal.unknown-carrier', `No postal carrier '${carrierName}' is configured`, 'not-found');
    }
    const now = this.clock.now();
    let event: TrackingEvent;
    try {
      event = this.carrier.parseWebhook(rawBody ?? Buffer.alloc(0), headers, now);
    } catch (error) {
      if (error instanceof PostalWebhookRejectedError)
        throw new UnauthorizedException(`webhook refused: ${error.message}`);
      throw error;
    }
    const found = await new DeliveryRepository(this.dataSource.manager).findByTracking(
      this.carrier.name,
      event.trackingNumber,
    );
    if (!found) {
      throw new DomainError(
        'postal.unknown-tracking-number',
        `No shipment ${event.trackingNumber} of ours`,
        'not-found',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await lockDossierRow(manager, found.dossierId);
      const deliveries = new DeliveryRepository(manager);
      const delivery = (await deliveries.findByTracking(this.carrier.name, event.trackingNumber))!;
      const current = delivery.shipmentStatus ?? 'created';
      const applies = canAdvanceShipment(current, event.status);
      const recorded = await new PostalTrackingRepository(manager).insertIfNew({
        carrier: this.carrier.name,
        eventId: event.eventId,
        trackingNumber: event.trackingNumber,
        status: event.status,
        occurredAt: event.occurredAt,
        receivedAt: now,
        applied: applies,
        note: applies ? (event.reason ?? null) : `not applied: the shipment is ${current}`,
        payload: { ...event, occurredAt: event.occurredAt.toISOString() },
      });
      if (!recorded || !applies) return { recorded, applied: false, shipmentStatus: current };
      const patch: Parameters<DeliveryRepository['update']>[1] = { shipmentStatus: event.status };
      if (event.status === 'delivered') Object.assign(patch, { status: 'delivered', deliveredAt: event.occurredAt });
      if (event.status === 'returned-to-sender') {
        Object.assign(patch, {
          channel: 'desk',
          status: 'awaiting-pickup',
          postalFallbackReason: event.reason ?? 'returned to sender by the postal service',
        });
      }
      await deliveries.update(delivery.id, patch, now);
      await appendDossierEvent(manager, {
        dossierId: delivery.dossierId,
        type: 'shipment-status',
        payload: {
          deliveryId: delivery.id,
          carrier: this.carrier.name,
          trackingNumber: event.trackingNumber,
          status: event.status,
          occurredAt: event.occurredAt.toISOString(),
          reason: event.reason ?? null,
        },
        actor: null,
        occurredAt: now,
      });
      if (event.status === 'delivered') {
        await completeStepTask(manager, {
          stepTaskId: delivery.stepTaskId,
          agencyId: null,
          outcome: 'approve',
          comment: `Bưu chính đã phát kết quả (${event.trackingNumber})`,
          actor: null,
          now,
        });
      }
      return { recorded, applied: true, shipmentStatus: event.status };
    });
  }
}
