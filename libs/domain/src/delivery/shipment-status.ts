import { DomainError } from '../errors/domain-error';

/**
 * A postal shipment's tracking states (QĐ 45/2016: the postal operator picks the result up at the desk and
 * returns it to the applicant against signature): created → picked-up → in-transit → delivered, or
 * in-transit → failed → returned-to-sender (the result comes back to the desk).
 */
export const SHIPMENT_STATUSES = [
  'created',
  'picked-up',
  'in-transit',
  'delivered',
  'failed',
  'returned-to-sender',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

const NEXT: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  created: ['picked-up'],
  'picked-up': ['in-transit'],
  'in-transit': ['delivered', 'failed'],
  // A failed attempt may be retried on a later round, or the item goes back to the sender.
  failed: ['in-transit', 'returned-to-sender'],
  delivered: [],
  'returned-to-sender': [],
};

export function isShipmentStatus(value: unknown): value is ShipmentStatus {
  return typeof value === 'string' && (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

export function isFinalShipmentStatus(status: ShipmentStatus): boolean {
  return NEXT[status].length === 0;
}

export function canAdvanceShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return NEXT[from].includes(to);
}

/** @throws DomainError kind 'conflict', code 'shipment.invalid-transition' */
export function assertShipmentTransition(from: ShipmentStatus, to: ShipmentStatus): void {
  if (canAdvanceShipment(from, to)) return;
  const allowed = NEXT[from];
  throw new DomainError(
    'shipment.invalid-transition',
    `A shipment that is '${from}' cannot become '${to}'` +
      (allowed.length > 0 ? ` (next: ${allowed.join(', ')})` : ` ('${from}' is final)`),
    'conflict',
    { from, to, allowed },
  );
}
