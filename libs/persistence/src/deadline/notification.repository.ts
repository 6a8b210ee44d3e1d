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

/** Who reads the in-app list: a staff user, the recipient roles they answer to, their agency and subtree. */
export interface NotificationReader {
  userId: string;
  /** Recipient roles of the user's roles ('officer', 'agency_lead', 'desk'; 'supervisor' reads its subtree). */
  recipientRoles: string[];
  agencyId: string;
  /** Agency path prefix of a supervisor (notifications to agencies in the subtree); null otherwise. */
  supervisorPathPrefix: string | null;
}

export interface UserNotification {
  id: string;
  kind: string;
  dossierId: string | null;
  dossierCode: string | null;
  recipientRole: string;
  recipientAgencyId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** The notifications addressed to the reader: to them by id, or to one of their roles at their agency (subtree). */
function readerCondition(reader: NotificationReader, parameters: unknown[]): string {
  parameters.push(reader.userId, reader.recipientRoles, reader.agencyId, reader.supervisorPathPrefix);
  const [user, roles, agency, prefix] = [1, 2, 3, 4].map((k) => `$${parameters.length - 4 + k}`);
  return `(n.recipient_user_id = ${user}
    OR (n.recipient_user_id IS NULL AND n.recipient_role = ANY(${roles}::text[]) AND n.recipient_agency_id = ${agency})
    OR (n.recipient_user_id IS NULL AND n.recipient_role = 'supervisor' AND ${prefix}::text IS NOT NULL
        AND n.recipient_agency_id IN (SELECT sa.id FROM agency sa WHERE sa.path LIKE ${prefix}::text || '%')))`;
}

/** A page of the reader's notifications, newest first, with the total and the unread count. */
export async function listUserNotifications(
  manager: EntityManager,
  reader: NotificationReader,
  options: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ items: UserNotification[]; total: number; unread: number }> {
  const parameters: unknown[] = [];
  const visible = readerCondition(reader, parameters);
  const userParameter = `$${parameters.length - 3}`;
  const unreadSql = `NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = ${userParameter})`;
  const [counts]: Array<{ total: number; unread: number }> = await manager.query(
    `SELECT count(*) FILTER (WHERE ${options.unreadOnly ? unreadSql : 'TRUE'})::int AS total,
            count(*) FILTER (WHERE ${unreadSql})::int AS unread
     FROM notification n WHERE ${visible}`,
    parameters,
  );
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT n.id, n.kind, n.dossier_id, d.code AS dossier_code, n.recipient_role, n.recipient_agency_id, n.payload,
            n.created_at, r.read_at
     FROM notification n
     LEFT JOIN dossier d ON d.id = n.dossier_id
     LEFT JOIN notification_read r ON r.notification_id = n.id AND r.user_id = ${userParameter}
     WHERE ${visible} ${options.unreadOnly ? 'AND r.read_at IS NULL' : ''}
     ORDER BY n.id DESC LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
    [...parameters, options.limit, options.offset],
  );
  return {
    total: counts.total,
    unread: counts.unread,
    items: rows.map((row) => ({
      id: String(row.id),
      kind: row.kind as string,
      dossierId: (row.dossier_id as string | null) ?? null,
      dossierCode: (row.dossier_code as string | null) ?? null,
      recipientRole: row.recipient_role as string,
      recipientAgencyId: (row.recipient_agency_id as string | null) ?? null,
      details: row.payload as Record<string, unknown>,
      createdAt: new Date(row.created_at as Date),
      readAt: row.read_at ? new Date(row.read_at as Date) : null,
    })),
  };
}

/**
 * Marks notifications read for the reader (idempotent: the first read instant stays). `ids` null = all of theirs.
 * Returns how many of the given ids are addressed to the reader (0 for an id that is not: the caller answers 404).
 */
export async function markUserNotificationsRead(
  manager: EntityManager,
  reader: NotificationReader,
  ids: string[] | null,
  readAt: Date,
): Promise<number> {
  const parameters: unknown[] = [];
  const visible = readerCondition(reader, parameters);
  const userParameter = `$${parameters.length - 3}`;
  parameters.push(readAt);
  const readAtParameter = `$${parameters.length}`;
  let only = '';
  if (ids !== null) {
    parameters.push(ids);
    only = `AND n.id = ANY($${parameters.length}::bigint[])`;
  }
  const [{ visible: count }]: Array<{ visible: number }> = await manager.query(
    `WITH mine AS (SELECT n.id FROM notification n WHERE ${visible} ${only}),
     marked AS (INSERT INTO notification_read (notification_id, user_id, read_at)
                SELECT id, ${userParameter}, ${readAtParameter} FROM mine
                ON CONFLICT (user_id, notification_id) DO NOTHING)
     SELECT count(*)::int AS visible FROM mine`,
    parameters,
  );
  return count;
}
