/**
 * Where an event subscriber stands in the commit-ordered dossier event log: the (tx_order, id) of the last event it
 * has passed (applied, or skipped by its type filter). Both are unsigned 64-bit integers, kept as decimal strings.
 */
export interface SubscriberPosition {
  /** The event's `tx_order` (an xid8). */
  tx: string;
  /** The event's `id`. */
  eventId: string;
}

/** Before every event (existing events written before the log was ordered have tx_order 0 and id ≥ 1). */
export const START_POSITION: SubscriberPosition = Object.freeze({ tx: '0', eventId: '0' });

/** One dossier event as a subscriber receives it. */
export interface SubscribedDossierEvent {
  id: string;
  dossierId: string;
  /** 1, 2, 3... per dossier; a subscriber receives a dossier's events in this order. */
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  actorUserId: string | null;
  actorAgencyId: string | null;
  occurredAt: Date;
  position: SubscriberPosition;
}

/** Negative when `a` comes before `b` in the log, 0 when equal, positive after. */
export function comparePositions(a: SubscriberPosition, b: SubscriberPosition): number {
  const tx = BigInt(a.tx) - BigInt(b.tx);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const id = BigInt(a.eventId) - BigInt(b.eventId);
  return id === 0n ? 0 : id < 0n ? -1 : 1;
}

const SUBSCRIBER_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;

/** A subscriber's name is a persistent identifier (its cursor row): lower-case, digits, dots and dashes. */
export function isValidSubscriberName(name: string): boolean {
  return SUBSCRIBER_NAME.test(name);
}

/**
 * Delay before retrying a subscriber whose batch failed `failures` times in a row: doubling from `baseMs`, capped at
 * `maxMs`. A failing batch is retried as a whole (its transaction rolled back), so the subscriber stays in order.
 */
export function subscriberRetryDelayMs(failures: number, baseMs = 500, maxMs = 60_000): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/**
 * True when, for every dossier, the events appear in increasing sequence order (what the runner promises each
 * batch; a defensive check before applying).
 */
export function isInDossierOrder(
  events: ReadonlyArray<Pick<SubscribedDossierEvent, 'dossierId' | 'sequence'>>,
): boolean {
  const last = new Map<string, number>();
  for (const event of events) {
    const previous = last.get(event.dossierId);
    if (previous !== undefined && previous >= event.sequence) return false;
    last.set(event.dossierId, event.sequence);
  }
  return true;
}
