import type { EntityManager } from 'typeorm';

/** What the public status page may show about a dossier (no applicant data, no staff names, no internal ids). */
export interface CitizenStatusRow {
  code: string;
  status: string;
  procedureName: string;
  agencyName: string;
  receivedAt: Date;
  appointmentAt: Date | null;
  events: Array<{ sequence: number; type: string; payload: Record<string, unknown>; occurredAt: Date }>;
  openPayment: { amount: number; expiresAt: Date } | null;
  onlineResult: boolean;
  rated: string | null;
}

/** Event types a citizen sees on the timeline (everything else stays internal). */
export const PUBLIC_TIMELINE_EVENT_TYPES = [
  'intake-accepted',
  'intake-supplement-requested',
  'intake-refused',
  'supplement-requested',
  'supplement-received',
  'step-started',
  'payment-requested',
  'payment-paid',
  'payment-waived',
  'apology-issued',
  'result-ready',
  'delivery-started',
  'result-returned',
  'refused',
  'withdrawn',
  'satisfaction-rated',
];

export async function loadCitizenStatus(manager: EntityManager, dossierId: string): Promise<CitizenStatusRow | null> {
  const [dossier] = await manager.query(
    `SELECT d.code, d.status, p.name AS "procedureName", a.name AS "agencyName", d.received_at AS "receivedAt",
            d.appointment_at AS "appointmentAt",
            (SELECT level FROM satisfaction_rating r WHERE r.dossier_id = d.id) AS rated,
            EXISTS (SELECT 1 FROM delivery v JOIN dossier_result c ON c.dossier_id = v.dossier_id AND c.replaced_at IS NULL
                    WHERE v.dossier_id = d.id AND v.channel = 'online' AND v.status <> 'cancelled') AS "onlineResult"
     FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN agency a ON a.id = d.receiving_agency_id
     WHERE d.id = $1`,
    [dossierId],
  );
  if (!dossier) return null;
  const events = await manager.query(
    `SELECT sequence, type, payload, occurred_at AS "occurredAt" FROM dossier_event
     WHERE dossier_id = $1 AND type = ANY($2::text[]) ORDER BY sequence`,
    [dossierId, PUBLIC_TIMELINE_EVENT_TYPES],
  );
  const [payment] = await manager.query(
    `SELECT amount::int AS amount, expires_at AS "expiresAt" FROM payment_request WHERE dossier_id = $1 AND status = 'pending'`,
    [dossierId],
  );
  return { ...dossier, events, openPayment: payment ?? null };
}
