import type { EntityManager } from 'typeorm';

/** What the national message needs to know about a dossier. */
export interface NationalSyncDossier {
  id: string;
  code: string;
  procedureCode: string;
  agencyIdentifier: string;
  channel: string;
  receivedAt: Date;
  appointmentAt: Date | null;
  isSubDossier: boolean;
}

export async function loadNationalSyncDossiers(
  manager: EntityManager,
  dossierIds: readonly string[],
): Promise<Map<string, NationalSyncDossier>> {
  const rows: NationalSyncDossier[] = await manager.query(
    `SELECT d.id, d.code, p.code AS "procedureCode", a.identifier AS "agencyIdentifier", d.channel,
            d.received_at AS "receivedAt", d.appointment_at AS "appointmentAt",
            (d.parent_dossier_id IS NOT NULL) AS "isSubDossier"
     FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN agency a ON a.id = d.receiving_agency_id
     WHERE d.id = ANY($1::uuid[])`,
    [[...new Set(dossierIds)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function lockNationalSyncState(
  manager: EntityManager,
  dossierId: string,
): Promise<{ lastSequence: number; lastStatusCode: number } | null> {
  const rows = await manager.query(
    `SELECT last_sequence AS "lastSequence", last_status_code AS "lastStatusCode" FROM national_sync_state
     WHERE dossier_id = $1 FOR UPDATE`,
    [dossierId],
  );
  return rows[0] ?? null;
}

export async function saveNationalSyncState(
  manager: EntityManager,
  dossierId: string,
  lastSequence: number,
  lastStatusCode: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO national_sync_state (dossier_id, last_sequence, last_status_code) VALUES ($1, $2, $3)
     ON CONFLICT (dossier_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, last_status_code = EXCLUDED.last_status_code`,
    [dossierId, lastSequence, lastStatusCode],
  );
}

/** Records the message owed for one event (once: unique per event); false when it already was. */
export async function insertNationalSyncMessage(
  manager: EntityManager,
  input: {
    id: string;
    dossierId: string;
    eventId: string;
    sequence: number;
    statusCode: number;
    payload: object;
    createdAt: Date;
  },
): Promise<boolean> {
  const rows = await manager.query(
    `INSERT INTO national_sync_message (id, dossier_id, event_id, sequence, status_code, payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dossier_id, event_id) DO NOTHING RETURNING id`,
    [
      input.id,
      input.dossierId,
      input.eventId,
      input.sequence,
      input.statusCode,
      JSON.stringify(input.payload),
      input.createdAt,
    ],
  );
  return rows.length > 0;
}

/** The dossier's next unsent message in sequence order (the caller holds the dossier's send lock). */
export async function nextUnsentNationalMessage(
  manager: EntityManager,
  dossierId: string,
): Promise<{ id: string; payload: Record<string, unknown> } | null> {
  const rows = await manager.query(
    `SELECT id, payload FROM national_sync_message WHERE dossier_id = $1 AND sent_at IS NULL ORDER BY sequence LIMIT 1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

export async function markNationalMessageSent(manager: EntityManager, id: string, at: Date): Promise<void> {
  await manager.query(`UPDATE national_sync_message SET sent_at = $2, attempts = attempts + 1 WHERE id = $1`, [id, at]);
}

export async function recordNationalMessageFailure(manager: EntityManager, id: string, error: string): Promise<void> {
  await manager.query(`UPDATE national_sync_message SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
    id,
    error.slice(0, 500),
  ]);
}

/** The sandbox receiver records a message once per id; a repeated delivery only counts. */
export async function recordSandboxNationalMessage(
  manager: EntityManager,
  input: { messageId: string; dossierCode: string; sequence: number; statusCode: number; payload: object },
): Promise<'recorded' | 'repeated'> {
  const rows: Array<{ inserted: boolean }> = await manager.query(
    `INSERT INTO national_portal_sandbox_message (message_id, dossier_code, sequence, status_code, payload)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id) DO UPDATE SET deliveries = national_portal_sandbox_message.deliveries + 1
     RETURNING (xmax = 0) AS inserted`,
    [input.messageId, input.dossierCode, input.sequence, input.statusCode, JSON.stringify(input.payload)],
  );
  return rows[0]?.inserted ? 'recorded' : 'repeated';
}
