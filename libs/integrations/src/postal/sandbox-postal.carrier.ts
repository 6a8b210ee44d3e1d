import { assertShipmentTransition, isShipmentStatus, ShipmentStatus } from '@motcua/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  CreatedShipment,
  PostalCarrier,
  PostalWebhookRejectedError,
  ShipmentOrder,
  TrackingEvent,
} from './postal-carrier';
import { formatS10 } from './s10-tracking-number';
import { POSTAL_SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature';

export const SANDBOX_CARRIER = 'sandbox';

/** A webhook as the carrier sends it: the receiver checks the signature header over the exact body text. */
export interface SignedWebhook {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxShipment {
  trackingNumber: string;
  clientReference: string;
  status: ShipmentStatus;
  order: ShipmentOrder;
  history: Array<{ eventId: string; status: ShipmentStatus; occurredAt: string; reason: string | null }>;
  /** When the carrier last changed it (listed shipments only). */
  updatedAt?: string;
}

/**
 * The embedded sandbox carrier: speaks the protocol of a real one (shipment creation answered with an S10 tracking
 * number, idempotent per client reference; status webhooks signed with HMAC-SHA256 over timestamp and raw body), and
 * keeps its own shipments in `postal_sandbox_shipment`, so demos and tests run offline and every process of the
 * installation sees the same shipments. `reportStatus` is the carrier's side: a postal worker scanning the item.
 */
export class SandboxPostalCarrier implements PostalCarrier {
  readonly name = SANDBOX_CARRIER;

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhookSecret: string,
    private readonly toleranceSeconds: number,
  ) {}

  async createShipment(order: ShipmentOrder): Promise<CreatedShipment> {
    return this.dataSource.transaction(async (manager) => {
      const [{ serial }]: Array<{ serial: string }> = await manager.query(
        `SELECT nextval('postal_sandbox_tracking_seq') AS serial`,
      );
      await manager.query(
        `INSERT INTO postal_sandbox_shipment (tracking_number, client_reference, order_payload, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'created', now(), now()) ON CONFLICT (client_reference) DO NOTHING`,
        [formatS10('RR', Number(serial)), order.clientReference, JSON.stringify(order)],
      );
      const [row]: Array<{ tracking_number: string }> = await manager.query(
        `SELECT tracking_number FROM postal_sandbox_shipment WHERE client_reference = $1`,
        [order.clientReference],
      );
      return { trackingNumber: row.tracking_number };
    });
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): TrackingEvent {
    const header = headers[POSTAL_SIGNATURE_HEADER];
    verifyWebhookSignature(
      this.webhookSecret,
      rawBody,
      Array.isArray(header) ? header[0] : header,
      now,
      this.toleranceSeconds,
    );
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new PostalWebhookRejectedError('body is not JSON');
    }
    const occurredAt = new Date(String(body.occurredAt));
    if (
      typeof body.eventId !== 'string' ||
      typeof body.trackingNumber !== 'string' ||
      typeof body.clientReference !== 'string' ||
      !isShipmentStatus(body.status) ||
      Number.isNaN(occurredAt.getTime())
    ) {
      throw new PostalWebhookRejectedError('body lacks eventId, trackingNumber, clientReference, status or occurredAt');
    }
    return {
      eventId: body.eventId,
      trackingNumber: body.trackingNumber,
      clientReference: body.clientReference,
      status: body.status,
      occurredAt,
      reason: typeof body.reason === 'string' ? body.reason : null,
    };
  }

  /** The carrier scans the item: records the new status and returns the signed webhook announcing it. */
  async reportStatus(
    trackingNumber: string,
    status: ShipmentStatus,
    now: Date,
    reason: string | null = null,
  ): Promise<SignedWebhook> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Array<{ client_reference: string; status: ShipmentStatus }> = await manager.query(
        `SELECT client_reference, status FROM postal_sandbox_shipment WHERE tracking_number = $1 FOR UPDATE`,
        [trackingNumber],
      );
      if (!row) throw new SandboxShipmentNotFoundError(trackingNumber);
      assertShipmentTransition(row.status, status);
      const event = {
        eventId: randomUUID(),
        trackingNumber,
        clientReference: row.client_reference,
        status,
        occurredAt: now.toISOString(),
        reason,
      };
      const entry = { eventId: event.eventId, status, occurredAt: event.occurredAt, reason };
      await manager.query(
        `UPDATE postal_sandbox_shipment SET status = $2, updated_at = $3, history = history || jsonb_build_array($4::jsonb)
         WHERE tracking_number = $1`,
        [trackingNumber, status, now, JSON.stringify(entry)],
      );
      return this.signed(event, now);
    });
  }

  /**
   * What a carrier does when its webhooks did not get a 2xx (the receiver was down, the answer was lost): every scan of
   * the shipment again, oldest first, with its original event id (the receiver records each once) and a fresh
   * signature. Empty for an unknown tracking number.
   */
  async redeliverWebhooks(trackingNumber: string, now: Date): Promise<SignedWebhook[]> {
    const shipment = await this.findShipment(trackingNumber);
    if (!shipment) throw new SandboxShipmentNotFoundError(trackingNumber);
    return shipment.history.map((entry) =>
      this.signed(
        {
          eventId: entry.eventId,
          trackingNumber,
          clientReference: shipment.clientReference,
          status: entry.status,
          occurredAt: entry.occurredAt,
          reason: entry.reason,
        },
        now,
      ),
    );
  }

  private signed(event: Record<string, unknown>, now: Date): SignedWebhook {
    const body = JSON.stringify(event);
    return {
      method: 'POST',
      path: `/webhooks/postal/${SANDBOX_CARRIER}`,
      headers: {
        'content-type': 'application/json',
        [POSTAL_SIGNATURE_HEADER]: signWebhook(this.webhookSecret, body, now),
      },
      body,
    };
  }

  /** The carrier's shipments, the most recently scanned first (its own desk's list). */
  async listShipments(filter: {
    status?: ShipmentStatus;
    page: number;
    pageSize: number;
  }): Promise<{ items: SandboxShipment[]; total: number }> {
    const where = filter.status ? `WHERE status = $3` : '';
    const params: unknown[] = [filter.pageSize, (filter.page - 1) * filter.pageSize];
    if (filter.status) params.push(filter.status);
    const rows: Array<{
      tracking_number: string;
      client_reference: string;
      status: ShipmentStatus;
      order_payload: ShipmentOrder;
      history: SandboxShipment['history'];
      updated_at: Date;
      total: number;
    }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM postal_sandbox_shipment ${where}
        ORDER BY updated_at DESC, tracking_number DESC LIMIT $1 OFFSET $2`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && filter.page > 1) {
      const [counted]: Array<{ n: number }> = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM postal_sandbox_shipment ${filter.status ? 'WHERE status = $1' : ''}`,
        filter.status ? [filter.status] : [],
      );
      total = counted.n;
    }
    return {
      items: rows.map((row) => ({
        trackingNumber: row.tracking_number,
        clientReference: row.client_reference,
        status: row.status,
        order: row.order_payload,
        history: row.history,
        updatedAt: row.updated_at.toISOString(),
      })),
      total,
    };
  }

  async findShipment(trackingNumber: string): Promise<SandboxShipment | null> {
    const [row]: Array<{
      tracking_number: string;
      client_reference: string;
      status: ShipmentStatus;
      order_payload: ShipmentOrder;
      history: SandboxShipment['history'];
    }> = await this.dataSource.query(`SELECT * FROM postal_sandbox_shipment WHERE tracking_number = $1`, [
      trackingNumber,
    ]);
    return row
      ? {
          trackingNumber: row.tracking_number,
          clientReference: row.client_reference,
          status: row.status,
          order: row.order_payload,
          history: row.history,
        }
      : null;
  }
}

export class SandboxShipmentNotFoundError extends Error {
  constructor(readonly trackingNumber: string) {
    super(`no sandbox shipment ${trackingNumber}`);
    this.name = 'SandboxShipmentNotFoundError';
  }
}
