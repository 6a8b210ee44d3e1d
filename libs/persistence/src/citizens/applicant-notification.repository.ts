import type { DataSource, EntityManager } from 'typeorm';

export type ApplicantChannelName = 'email' | 'sms';

/** What the notification templates need to know about a dossier, and where its applicant can be reached. */
export interface ApplicantNotificationTarget {
  dossierId: string;
  code: string;
  applicantName: string;
  email: string | null;
  phone: string | null;
  procedureName: string;
  agencyName: string;
}

export async function loadApplicantNotificationTargets(
  manager: EntityManager,
  dossierIds: readonly string[],
): Promise<Map<string, ApplicantNotificationTarget>> {
  const rows: Array<Record<string, string | null>> = await manager.query(
    `SELECT d.id, d.code, d.applicant_name, d.applicant ->> 'email' AS email, d.applicant ->> 'phone' AS phone,
            p.name AS procedure_name, a.name AS agency_name
     FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN agency a ON a.id = d.receiving_agency_id
     WHERE d.id = ANY($1::uuid[])`,
    [[...new Set(dossierIds)]],
  );
  return new Map(
    rows.map((row) => [
      row.id as string,
      {
        dossierId: row.id as string,
        code: row.code as string,
        applicantName: row.applicant_name as string,
        email: row.email ? row.email.trim().toLowerCase() : null,
        phone: row.phone ? row.phone.trim() : null,
        procedureName: row.procedure_name as string,
        agencyName: row.agency_name as string,
      },
    ]),
  );
}

export interface NewApplicantNotification {
  dossierId: string;
  eventId: string;
  eventType: string;
  kind: string;
  channel: ApplicantChannelName;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/**
 * Records a notice once per (dossier, event, channel); returns its id, or null when it was already recorded (the
 * event was processed before). An opted-out address is recorded as 'opted-out' and never sent.
 */
export async function insertApplicantNotification(
  manager: EntityManager,
  input: NewApplicantNotification,
): Promise<{ id: string; status: 'pending' | 'opted-out' } | null> {
  const rows: Array<{ id: string; status: 'pending' | 'opted-out' }> = await manager.query(
    `INSERT INTO applicant_notification (dossier_id, event_id, event_type, kind, channel, recipient, subject, body, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
       CASE WHEN EXISTS (SELECT 1 FROM applicant_notification_opt_out o WHERE o.channel = $5 AND o.address = $6)
            THEN 'opted-out' ELSE 'pending' END, $9)
     ON CONFLICT (dossier_id, event_id, channel) DO NOTHING
     RETURNING id, status`,
    [
      input.dossierId,
      input.eventId,
      input.eventType,
      input.kind,
      input.channel,
      input.recipient,
      input.subject,
      input.body,
      input.createdAt,
    ],
  );
  return rows[0] ?? null;
}

export interface StoredApplicantNotification {
  id: string;
  dossierId: string;
  eventId: string;
  kind: string;
  channel: ApplicantChannelName;
  recipient: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'opted-out';
  attempts: number;
  sentAt: Date | null;
}

const SELECT_NOTIFICATION = `SELECT id, dossier_id AS "dossierId", event_id::text AS "eventId", kind, channel, recipient, subject,
  body, status, attempts, sent_at AS "sentAt" FROM applicant_notification`;

export async function findApplicantNotification(
  manager: EntityManager,
  id: string,
): Promise<StoredApplicantNotification | null> {
  const rows: StoredApplicantNotification[] = await manager.query(`${SELECT_NOTIFICATION} WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Runs `work` holding a session-level advisory lock on `key` (one sender at a time per notice or per dossier). Not a
 * row lock in a transaction: that would take a transaction id and hold every event subscriber's horizon back for as
 * long as a mail server or the portal takes to answer.
 */
export async function withSendLock<T>(
  dataSource: DataSource,
  scope: string,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1), hashtext($2))`, [scope, key]);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext($2))`, [scope, key]);
    }
  } finally {
    await runner.release();
  }
}

export async function isApplicantOptedOut(
  manager: EntityManager,
  channel: ApplicantChannelName,
  address: string,
): Promise<boolean> {
  const rows = await manager.query(`SELECT 1 FROM applicant_notification_opt_out WHERE channel = $1 AND address = $2`, [
    channel,
    address,
  ]);
  return rows.length > 0;
}

/**
 * Commits the start of a send attempt, before the channel is called (autocommit: it must survive a crash in the
 * call). Returns whether an earlier attempt was left in doubt, so this one may be a redelivery (counted).
 */
export async function beginApplicantNotificationSend(
  manager: EntityManager,
  id: string,
  at: Date,
): Promise<{ inDoubt: boolean }> {
  const rows: Array<{ in_doubt: boolean }> = await manager.query(
    `UPDATE applicant_notification n
        SET resends_in_doubt = n.resends_in_doubt + CASE WHEN n.sending_since IS NULL THEN 0 ELSE 1 END,
            sending_since = $2
       FROM applicant_notification before WHERE before.id = n.id AND n.id = $1
     RETURNING before.sending_since IS NOT NULL AS in_doubt`,
    [id, at],
  );
  return { inDoubt: rows[0]?.in_doubt ?? false };
}

export async function markApplicantNotificationSent(
  manager: EntityManager,
  id: string,
  messageId: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `UPDATE applicant_notification SET status = 'sent', message_id = $2, sent_at = $3, attempts = attempts + 1,
            sending_since = NULL
     WHERE id = $1 AND status = 'pending'`,
    [id, messageId, at],
  );
}

export async function markApplicantNotificationOptedOut(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE applicant_notification SET status = 'opted-out' WHERE id = $1 AND status = 'pending'`, [
    id,
  ]);
}

/**
 * A failed attempt (the channel is down): counted outside the rolled-back send transaction. `delivered: false` (the
 * channel knows nothing arrived) ends the attempt; otherwise it stays in doubt and the next one counts as a resend.
 */
export async function recordApplicantNotificationFailure(
  manager: EntityManager,
  id: string,
  error: string,
  at: Date,
  outcome: { surelyNotDelivered: boolean },
): Promise<void> {
  await manager.query(
    `UPDATE applicant_notification SET attempts = attempts + 1, last_error = $2, last_error_at = $3,
            sending_since = CASE WHEN $4::boolean THEN NULL ELSE sending_since END
      WHERE id = $1`,
    [id, error.slice(0, 500), at, outcome.surelyNotDelivered],
  );
}

/** The applicant asks not to be notified on this channel and address any more (idempotent). */
export async function recordApplicantOptOut(
  manager: EntityManager,
  input: { channel: ApplicantChannelName; address: string; dossierId: string | null; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO applicant_notification_opt_out (channel, address, dossier_id, opted_out_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel, address) DO NOTHING`,
    [input.channel, input.address, input.dossierId, input.at],
  );
}

export async function listDossierApplicantNotifications(
  manager: EntityManager,
  dossierId: string,
): Promise<StoredApplicantNotification[]> {
  return manager.query(`${SELECT_NOTIFICATION} WHERE dossier_id = $1 ORDER BY event_id, channel`, [dossierId]);
}
