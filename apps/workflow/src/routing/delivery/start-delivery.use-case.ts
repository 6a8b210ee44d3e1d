import { defaultReturnChannel, ReturnChannel } from '@motcua/domain';
import type { PostalCarrier } from '@motcua/integrations';
import {
  AgencyRepository,
  DeliveryRepository,
  DossierEntity,
  DossierRepository,
  DossierResultRepository,
  PostalRecipient,
  ReturnChannelRepository,
  StepTaskRepository,
} from '@motcua/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendDossierEvent } from '@motcua/platform';

export type StartDeliveryOutcome = 'started' | 'already-started' | 'step-not-open';

interface Plan {
  dossier: DossierEntity;
  channel: ReturnChannel;
  recipient: PostalRecipient | null;
  fallbackReason: string | null;
}

/**
 * Starts returning a dossier's result when its delivery step starts (the result became ready): reads the return
 * channel the applicant chose (default: the way the dossier came in) and opens the delivery — waiting at the desk,
 * waiting for the online download (needs an electronic result; without one the result waits at the desk), or a
 * postal shipment created with the carrier (idempotent per delivery step, so a retried job finds the same tracking
 * number). Delivery time is the delivery step's own clock.
 */
export class StartDeliveryUseCase {
  constructor(private readonly carrier: PostalCarrier) {}

  /** Outside the transaction: the carrier call (an external system) must not hold the dossier lock. */
  async prepare(manager: EntityManager, stepTaskId: string): Promise<{ trackingNumber: string } | null> {
    const plan = await this.plan(manager, stepTaskId);
    if (!plan || plan.channel !== 'postal') return null;
    const agency = await new AgencyRepository(manager).findById(plan.dossier.receivingAgencyId);
    return this.carrier.createShipment({
      clientReference: `delivery-${stepTaskId}`,
      sender: {
        name: `Bộ phận Một cửa — ${agency?.name ?? plan.dossier.receivingAgencyId}`,
        address: agency?.name ?? '',
        phone: '',
      },
      receiver: plan.recipient as PostalRecipient,
      itemDescription: `Kết quả hồ sơ ${plan.dossier.code}`,
      codAmount: 0,
    });
  }

  /** In the routing transaction (under the dossier lock): opens the delivery once. */
  async start(
    manager: EntityManager,
    stepTaskId: string,
    shipment: { trackingNumber: string } | null,
    now: Date,
  ): Promise<StartDeliveryOutcome> {
    const task = await new StepTaskRepository(manager).findById(stepTaskId);
    if (!task) return 'step-not-open';
    const deliveries = new DeliveryRepository(manager);
    if (await deliveries.findByStepTask(stepTaskId)) return 'already-started';
    const fresh = await new StepTaskRepository(manager).findById(stepTaskId);
    if (!fresh || (fresh.status !== 'open' && fresh.status !== 'claimed')) return 'step-not-open';
    const plan = (await this.plan(manager, stepTaskId)) as Plan;
    const postal = plan.channel === 'postal' && shipment !== null;
    const channel: ReturnChannel = plan.channel === 'postal' && !shipment ? 'desk' : plan.channel;
    const { delivery } = await deliveries.insertIfAbsent(
      {
        id: randomUUID(),
        dossierId: plan.dossier.id,
        stepTaskId,
        receivingAgencyId: plan.dossier.receivingAgencyId,
        channel,
        status: channel === 'desk' ? 'awaiting-pickup' : channel === 'online' ? 'awaiting-download' : 'shipping',
        readyAt: fresh.startedAt,
        dispatchedAt: postal ? now : null,
        carrier: postal ? this.carrier.name : null,
        trackingNumber: postal ? shipment.trackingNumber : null,
        shipmentStatus: postal ? 'created' : null,
        postalFallbackReason: plan.fallbackReason,
      },
      now,
    );
    await appendDossierEvent(manager, {
      dossierId: plan.dossier.id,
      type: 'delivery-started',
      payload: {
        deliveryId: delivery.id,
        stepTaskId,
        channel: delivery.channel,
        chosenChannel: plan.channel,
        readyAt: delivery.readyAt.toISOString(),
        carrier: delivery.carrier,
        trackingNumber: delivery.trackingNumber,
        fallbackReason: plan.fallbackReason,
      },
      actor: null,
      occurredAt: now,
    });
    return 'started';
  }

  /**
   * The delivery step was cancelled (a branch cut; a dossier cannot end once its result is ready): an open delivery
   * of that step is cancelled with its event, in the routing transaction. A delivered one is left as it is.
   */
  async cancel(manager: EntityManager, stepTaskId: string, reason: string, now: Date): Promise<boolean> {
    const deliveries = new DeliveryRepository(manager);
    const delivery = await deliveries.findByStepTask(stepTaskId);
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'cancelled') return false;
    await deliveries.update(delivery.id, { status: 'cancelled' }, now);
    await appendDossierEvent(manager, {
      dossierId: delivery.dossierId,
      type: 'delivery-cancelled',
      payload: { deliveryId: delivery.id, stepTaskId, channel: delivery.channel, reason },
      actor: null,
      occurredAt: now,
    });
    return true;
  }

  private async plan(manager: EntityManager, stepTaskId: string): Promise<Plan | null> {
    const task = await new StepTaskRepository(manager).findById(stepTaskId);
    if (!task || task.kind !== 'delivery') return null;
    const dossier = (await new DossierRepository(manager).findById(task.dossierId)) as DossierEntity;
    const choice = await new ReturnChannelRepository(manager).find(dossier.id);
    const chosen = choice?.channel ?? defaultReturnChannel(dossier.channel);
    if (chosen === 'online' && !(await new DossierResultRepository(manager).findCurrent(dossier.id))) {
      return { dossier, channel: 'desk', recipient: null, fallbackReason: 'no electronic result to download' };
    }
    const recipient =
      chosen === 'postal'
        ? (choice?.recipient ?? {
            name: dossier.applicant.name,
            address: dossier.applicant.address,
            phone: dossier.applicant.phone,
          })
        : null;
    return { dossier, channel: chosen, recipient, fallbackReason: null };
  }
}
