import { EntityManager } from 'typeorm';

export interface NotificationRecord {
  kind: string;
  dossierId: string | null;
  recipients: ReadonlyArray<{ role: string; agencyId: string | null; userId?: string | null }>;
  sourceKey: string;
  details: Record<string, unknown>;
}

/** Records one notification per recipient (once per source key and role). Returns the rows written. */
export async function recordNotifications(manager: EntityManager, record: NotificationRecord): Promise<number> {
  if (record.recipients.length === 0) return 0;
  const rows: unknown[] = await manager.query(
    `INSERT INTO notification (kind, dossier_id, recipient_role, recipient_agency_id, recipient_user_id, payload, source_key)
     SELECT $1, $2, r.role, r.agency_id, r.user_id, $3::jsonb, $4
     FROM unnest($5::text[], $6::uuid[], $7::uuid[]) AS r (role, agency_id, user_id)
     ON CONFLICT (source_key, recipient_role) DO NOTHING RETURNING id`,
    [
      record.kind,
      record.dossierId,
      JSON.stringify(record.details),
      record.sourceKey,
      record.recipients.map((recipient) => recipient.role),
      record.recipients.map((recipient) => recipient.agencyId),
      record.recipients.map((recipient) => recipient.userId ?? null),
    ],
  );
  return rows.length;
}
