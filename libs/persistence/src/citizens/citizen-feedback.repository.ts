import type { EntityManager } from 'typeorm';
import { AccessScope, accessScopeClause } from '../identity/access-scope';

export interface NewSatisfactionRating {
  dossierId: string;
  agencyId: string;
  level: string;
  criteria: Record<string, string>;
  comment: string | null;
  via: 'link' | 'desk';
  recordedBy: string | null;
  ratedAt: Date;
}

/** Records the dossier's one rating; false when it was already rated (the primary key). */
export async function insertSatisfactionRating(manager: EntityManager, input: NewSatisfactionRating): Promise<boolean> {
  const rows = await manager.query(
    `INSERT INTO satisfaction_rating (dossier_id, agency_id, level, criteria, comment, via, recorded_by, rated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dossier_id) DO NOTHING RETURNING dossier_id`,
    [
      input.dossierId,
      input.agencyId,
      input.level,
      JSON.stringify(input.criteria),
      input.comment,
      input.via,
      input.recordedBy,
      input.ratedAt,
    ],
  );
  return rows.length > 0;
}

export async function findSatisfactionRating(
  manager: EntityManager,
  dossierId: string,
): Promise<{ level: string; ratedAt: Date; via: string } | null> {
  const rows = await manager.query(
    `SELECT level, rated_at AS "ratedAt", via FROM satisfaction_rating WHERE dossier_id = $1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

export interface NewComplaint {
  subject: 'dossier' | 'agency';
  dossierId: string | null;
  agencyId: string;
  complainantName: string;
  complainantContact: string | null;
  content: string;
  receivedAt: Date;
  dueAt: Date;
}

export async function insertComplaint(manager: EntityManager, input: NewComplaint): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO complaint (subject, dossier_id, agency_id, complainant_name, complainant_contact, content, received_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      input.subject,
      input.dossierId,
      input.agencyId,
      input.complainantName,
      input.complainantContact,
      input.content,
      input.receivedAt,
      input.dueAt,
    ],
  );
  return row.id;
}

export interface ComplaintRow {
  id: string;
  subject: 'dossier' | 'agency';
  dossierCode: string | null;
  agencyId: string;
  agencyName: string;
  complainantName: string;
  content: string;
  status: 'received' | 'answered';
  receivedAt: Date;
  dueAt: Date;
  answer: string | null;
  answeredAt: Date | null;
}

const SELECT_COMPLAINT = `SELECT c.id, c.subject, d.code AS "dossierCode", c.agency_id AS "agencyId", a.name AS "agencyName",
  c.complainant_name AS "complainantName", c.content, c.status, c.received_at AS "receivedAt", c.due_at AS "dueAt",
  c.answer, c.answered_at AS "answeredAt"
  FROM complaint c JOIN agency a ON a.id = c.agency_id LEFT JOIN dossier d ON d.id = c.dossier_id`;

/** Complaints assigned to an agency inside the acting scope (`scopeOf`, apps/api identity/scope.ts). */
function scopeClause(scope: AccessScope, first: number): { sql: string; params: unknown[] } {
  return accessScopeClause(scope, 'c.agency_id', first);
}

export async function findComplaintInScope(
  manager: EntityManager,
  id: string,
  scope: AccessScope,
  options: { lock?: boolean } = {},
): Promise<ComplaintRow | null> {
  const where = scopeClause(scope, 2);
  const rows = await manager.query(
    `${SELECT_COMPLAINT} WHERE c.id = $1 AND ${where.sql}${options.lock ? ' FOR UPDATE OF c' : ''}`,
    [id, ...where.params],
  );
  return rows[0] ?? null;
}

export async function answerComplaint(
  manager: EntityManager,
  input: { id: string; answer: string; answeredAt: Date; answeredBy: string },
): Promise<void> {
  await manager.query(
    `UPDATE complaint SET status = 'answered', answer = $2, answered_at = $3, answered_by = $4 WHERE id = $1`,
    [input.id, input.answer, input.answeredAt, input.answeredBy],
  );
}

/**
 * One page of complaints in scope, oldest due first: all of them, or only the late ones (unanswered past their due
 * instant at `now`, or answered after it).
 */
export async function listComplaints(
  manager: EntityManager,
  scope: AccessScope,
  options: { lateAt?: Date; status?: 'received' | 'answered'; limit: number; offset: number },
): Promise<{ items: ComplaintRow[]; total: number }> {
  const where = scopeClause(scope, 1);
  const conditions = [where.sql];
  const params = [...where.params];
  if (options.lateAt) {
    params.push(options.lateAt);
    conditions.push(
      `((c.status = 'received' AND c.due_at < $${params.length}) OR (c.status = 'answered' AND c.answered_at > c.due_at))`,
    );
  }
  if (options.status) {
    params.push(options.status);
    conditions.push(`c.status = $${params.length}`);
  }
  const filter = conditions.join(' AND ');
  const [{ total }] = await manager.query(
    `SELECT count(*)::int AS total FROM complaint c JOIN agency a ON a.id = c.agency_id WHERE ${filter}`,
    params,
  );
  const items = await manager.query(
    `${SELECT_COMPLAINT} WHERE ${filter} ORDER BY c.due_at, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, options.limit, options.offset],
  );
  return { items, total };
}

/** A dossier a citizen names with code + lookup secret (hash compared by the caller). */
export async function findDossierForCitizen(
  manager: EntityManager,
  code: string,
): Promise<{ id: string; status: string; agencyId: string; lookupSecretHash: string } | null> {
  const rows = await manager.query(
    `SELECT id, status, receiving_agency_id AS "agencyId", lookup_secret_hash AS "lookupSecretHash" FROM dossier WHERE code = $1`,
    [code],
  );
  return rows[0] ?? null;
}
