import type { ReturnChannel, ShipmentStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';

export const DELIVERY_STATUSES = [
  'awaiting-pickup',
  'awaiting-download',
  'shipping',
  'delivered',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Returning one dossier's result: its own step (delivery time measured apart from processing time). */
export interface DeliveryRecord {
  id: string;
  dossierId: string;
  stepTaskId: string;
  receivingAgencyId: string;
  channel: ReturnChannel;
  status: DeliveryStatus;
  readyAt: Date;
  dispatchedAt: Date | null;
  deliveredAt: Date | null;
  handedToName: string | null;
  handedToIdentityDocument: string | null;
  handedOverByUserId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shipmentStatus: ShipmentStatus | null;
  postalFallbackReason: string | null;
}

type Row = Record<string, unknown>;

function toRecord(row: Row): DeliveryRecord {
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    id: row.id as string,
    dossierId: row.dossier_id as string,
    stepTaskId: row.step_task_id as string,
    receivingAgencyId: row.receiving_agency_id as string,
    channel: row.channel as ReturnChannel,
    status: row.status as DeliveryStatus,
    readyAt: new Date(row.ready_at as string),
    dispatchedAt: date(row.dispatched_at),
    deliveredAt: date(row.delivered_at),
    handedToName: (row.handed_to_name as string | null) ?? null,
    handedToIdentityDocument: (row.handed_to_identity_document as string | null) ?? null,
    handedOverByUserId: (row.handed_over_by_user_id as string | null) ?? null,
    carrier: (row.carrier as string | null) ?? null,
    trackingNumber: (row.tracking_number as string | null) ?? null,
    shipmentStatus: (row.shipment_status as ShipmentStatus | null) ?? null,
    postalFallbackReason: (row.postal_fallback_reason as string | null) ?? null,
  };
}

/** One row of the "ready but not collected" list. */
export interface UncollectedResult {
  dossierId: string;
  dossierCode: string;
  applicantName: string;
  phone: string;
  procedureName: string;
  readyAt: Date;
  postalFallbackReason: string | null;
}

/** Deliveries. Writes belong in the caller's transaction (which holds the dossier row lock). */
export class DeliveryRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts the delivery of a delivery step unless it exists (a replayed job); returns the row either way. */
  async insertIfAbsent(
    record: Omit<
      DeliveryRecord,
      | 'deliveredAt'
      | 'handedToName'
      | 'handedToIdentityDocument'
      | 'handedOverByUserId'
      | 'shipmentStatus'
      | 'postalFallbackReason'
    > & { shipmentStatus: ShipmentStatus | null; postalFallbackReason: string | null },
    now: Date,
  ): Promise<{ delivery: DeliveryRecord; created: boolean }> {
    const inserted: Row[] = await this.manager.query(
      `INSERT INTO delivery (id, dossier_id, step_task_id, receiving_agency_id, channel, status, ready_at, dispatched_at,
         carrier, tracking_number, shipment_status, postal_fallback_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       ON CONFLICT (step_task_id) DO NOTHING RETURNING *`,
      [
        record.id,
        record.dossierId,
        record.stepTaskId,
        record.receivingAgencyId,
        record.channel,
        record.status,
        record.readyAt,
        record.dispatchedAt,
        record.carrier,
        record.trackingNumber,
        record.shipmentStatus,
        record.postalFallbackReason,
        now,
      ],
    );
    if (inserted[0]) return { delivery: toRecord(inserted[0]), created: true };
    return { delivery: (await this.findByStepTask(record.stepTaskId)) as DeliveryRecord, created: false };
  }

  async findByStepTask(stepTaskId: string): Promise<DeliveryRecord | null> {
    const rows: Row[] = await this.manager.query(`SELECT * FROM delivery WHERE step_task_id = $1`, [stepTaskId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The dossier's latest delivery (a dossier has one delivery step run, rarely more after a migration). */
  async findLatestForDossier(dossierId: string, options: { lock?: boolean } = {}): Promise<DeliveryRecord | null> {
    const rows: Row[] = await this.manager.query(
      `SELECT * FROM delivery WHERE dossier_id = $1 ORDER BY created_at DESC LIMIT 1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [dossierId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByTracking(carrier: string, trackingNumber: string): Promise<DeliveryRecord | null> {
    const rows: Row[] = await this.manager.query(`SELECT * FROM delivery WHERE carrier = $1 AND tracking_number = $2`, [
      carrier,
      trackingNumber,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        DeliveryRecord,
        | 'status'
        | 'channel'
        | 'deliveredAt'
        | 'handedToName'
        | 'handedToIdentityDocument'
        | 'handedOverByUserId'
        | 'shipmentStatus'
        | 'postalFallbackReason'
      >
    >,
    now: Date,
  ): Promise<DeliveryRecord> {
    const columns: Record<string, string> = {
      status: 'status',
      channel: 'channel',
      deliveredAt: 'delivered_at',
      handedToName: 'handed_to_name',
      handedToIdentityDocument: 'handed_to_identity_document',
      handedOverByUserId: 'handed_over_by_user_id',
      shipmentStatus: 'shipment_status',
      postalFallbackReason: 'postal_fallback_reason',
    };
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = entries.map(([key], index) => `${columns[key]} = $${index + 3}`);
    const rows: Row[] = await this.manager.query(
      `UPDATE delivery SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, now, ...entries.map(([, value]) => value)],
    );
    return toRecord(rows[0]);
  }

  /** Results ready at the desk and not collected, oldest first (the scope condition is over `d.receiving_agency_id`). */
  async listUncollected(
    scope: { sql: string; parameters: Record<string, unknown> },
    page: number,
    pageSize: number,
  ): Promise<{ items: UncollectedResult[]; total: number }> {
    const waiting = this.manager
      .createQueryBuilder()
      .from('delivery', 'v')
      .innerJoin('dossier', 'd', 'd.id = v.dossier_id')
      .where(`v.status = 'awaiting-pickup'`)
      .andWhere(`(${scope.sql})`, scope.parameters);
    const [{ total }] = await waiting.clone().select('count(*)::int AS total').getRawMany();
    const rows: Row[] = await waiting
      .innerJoin('procedure', 'p', 'p.id = d.procedure_id')
      .select([
        'd.id AS dossier_id',
        'd.code AS dossier_code',
        'd.applicant_name AS applicant_name',
        `d.applicant->>'phone' AS phone`,
        'p.name AS procedure_name',
        'v.ready_at AS ready_at',
        'v.postal_fallback_reason AS postal_fallback_reason',
      ])
      .orderBy('v.ready_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany();
    return {
      total: total as number,
      items: rows.map((row) => ({
        dossierId: row.dossier_id as string,
        dossierCode: row.dossier_code as string,
        applicantName: row.applicant_name as string,
        phone: row.phone as string,
        procedureName: row.procedure_name as string,
        readyAt: new Date(row.ready_at as string),
        postalFallbackReason: (row.postal_fallback_reason as string | null) ?? null,
      })),
    };
  }
}
