import type { ShipmentStatus } from '@motcua/domain';

/** A party of a postal order (QĐ 45/2016; provincial integrations send name, address, phone, province, district). */
export interface PostalParty {
  name: string;
  address: string;
  phone: string;
  province?: string | null;
  district?: string | null;
}

/** What we ask the carrier to carry: the result of one dossier, from the desk to the applicant. */
export interface ShipmentOrder {
  /** Our reference (the delivery id): the carrier answers the same shipment for the same reference. */
  clientReference: string;
  sender: PostalParty;
  receiver: PostalParty;
  /** Printed on the label, e.g. "Kết quả hồ sơ 000.00.12.H62-251126-0001". */
  itemDescription: string;
  /** Cash to collect on delivery (VND); 0 = none. */
  codAmount: number;
}

export interface CreatedShipment {
  trackingNumber: string;
}

/** One status change the carrier reports by webhook. */
export interface TrackingEvent {
  /** The carrier's id of this event: a redelivered webhook carries the same id. */
  eventId: string;
  trackingNumber: string;
  clientReference: string;
  status: ShipmentStatus;
  occurredAt: Date;
  /** Why a delivery attempt failed or the item went back. */
  reason?: string | null;
}

/** A postal carrier: creates shipments and authenticates the status webhooks it sends. */
export interface PostalCarrier {
  readonly name: string;
  createShipment(order: ShipmentOrder): Promise<CreatedShipment>;
  /**
   * Verifies a webhook's signature over its raw body and parses it.
   * @throws PostalWebhookRejectedError when the signature, timestamp or body is not acceptable
   */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): TrackingEvent;
}

export class PostalWebhookRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostalWebhookRejectedError';
  }
}
