import type { ShipmentStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';

export interface PostalTrackingEventRecord {
  carrier: string;
  eventId: string;
  trackingNumber: string;
  status: ShipmentStatus;
  occurredAt: Date;
  receivedAt: Date;
  applied: boolean;
  note: string | null;
  payload: Record<string, unknown>;
}

/** Carrier status webhooks as received: one row per carrier event id (a redelivery finds its row). */
export class PostalTrackingRepository {
  constructor(private readonly manager: EntityManager) {}

  /** False when this event id was recorded before (a redelivered webhook). */
  async insertIfNew(event: PostalTrackingEventRecord): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO postal_tracking_event (carrier, event_id, tracking_number, status, occurred_at, received_at, applied, note, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (carrier, event_id) DO NOTHING RETURNING id`,
      [
        event.carrier,
        event.eventId,
        event.trackingNumber,
        event.status,
        event.occurredAt,
        event.receivedAt,
        event.applied,
        event.note,
        JSON.stringify(event.payload),
      ],
    );
    return rows.length > 0;
  }

  async listForTracking(carrier: string, trackingNumber: string): Promise<PostalTrackingEventRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT * FROM postal_tracking_event WHERE carrier = $1 AND tracking_number = $2 ORDER BY occurred_at, id`,
      [carrier, trackingNumber],
    );
    return rows.map((row) => ({
      carrier: row.carrier as string,
      eventId: row.event_id as string,
      trackingNumber: row.tracking_number as string,
      status: row.status as ShipmentStatus,
      occurredAt: new Date(row.occurred_at as string),
      receivedAt: new Date(row.received_at as string),
      applied: row.applied as boolean,
      note: (row.note as string | null) ?? null,
      payload: row.payload as Record<string, unknown>,
    }));
  }
}
