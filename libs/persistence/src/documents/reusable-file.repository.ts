import { EntityManager } from 'typeorm';
import { AccessScope, accessScopeClause } from '../identity/access-scope';

/** A file an applicant already gave (or received) in an earlier dossier, offered for reuse. */
export interface ReusableFile {
  kind: 'document' | 'result';
  id: string;
  dossierId: string;
  dossierCode: string;
  /** Checklist item (documents) or result kind (results). */
  label: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  digitized: boolean;
  createdAt: Date;
}

/** Whose dossiers' files a caller may reuse (the API's access scope: everything, an agency subtree, or agencies). */
/** The scope a reuse listing covers: the caller's `AccessScope`. */
export type ReuseScope = AccessScope;

/** The scope as a condition on `d.receiving_agency_id`, its one parameter numbered `$index`. */
function scopeSql(scope: AccessScope, index: number): { sql: string; parameters: unknown[] } {
  const clause = accessScopeClause(scope, 'd.receiving_agency_id', index);
  return { sql: clause.sql, parameters: clause.params };
}

/**
 * Documents and results of the applicant's earlier dossiers (same identity number) that the caller's scope covers
 * (reuse: "not asked again for papers the state already holds"; scope rules still apply).
 */
export class ReusableFileRepository {
  constructor(private readonly manager: EntityManager) {}

  async listForApplicant(identityNumber: string, exceptDossierId: string, scope: ReuseScope): Promise<ReusableFile[]> {
    const condition = scopeSql(scope, 3);
    const rows: Array<{
      kind: 'document' | 'result';
      id: string;
      dossier_id: string;
      dossier_code: string;
      label: string;
      file_name: string;
      content_type: string;
      size_bytes: string;
      sha256: string;
      digitized: boolean;
      created_at: Date;
    }> = await this.manager.query(
      `WITH earlier AS (
         SELECT d.id, d.code FROM dossier d
         WHERE d.applicant->>'identityNumber' = $1 AND d.id <> $2 AND (${condition.sql})
       )
       SELECT 'document' AS kind, f.id, e.id AS dossier_id, e.code AS dossier_code, f.checklist_code AS label, f.file_name,
              f.content_type, f.size_bytes, f.sha256, f.digitized, f.created_at
         FROM dossier_document f JOIN earlier e ON e.id = f.dossier_id
        WHERE f.replaced_at IS NULL AND f.source IN ('desk-upload', 'portal-upload')
       UNION ALL
       SELECT 'result', r.id, e.id, e.code, r.kind, r.file_name, r.content_type, r.size_bytes, r.sha256, r.digitized, r.attached_at
         FROM dossier_result r JOIN earlier e ON e.id = r.dossier_id
        WHERE r.replaced_at IS NULL
       ORDER BY created_at DESC LIMIT 200`,
      [identityNumber, exceptDossierId, ...condition.parameters],
    );
    return rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      dossierId: row.dossier_id,
      dossierCode: row.dossier_code,
      label: row.label,
      fileName: row.file_name,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      digitized: row.digitized,
      createdAt: new Date(row.created_at),
    }));
  }

  /** The owning dossier of a document or result if it belongs to this applicant and the scope covers it. */
  async findReusable(
    kind: 'document' | 'result',
    id: string,
    identityNumber: string,
    exceptDossierId: string,
    scope: ReuseScope,
  ): Promise<{ dossierId: string } | null> {
    const table = kind === 'document' ? 'dossier_document' : 'dossier_result';
    const condition = scopeSql(scope, 4);
    const rows: Array<{ dossier_id: string }> = await this.manager.query(
      `SELECT f.dossier_id FROM ${table} f JOIN dossier d ON d.id = f.dossier_id
       WHERE f.id = $1 AND f.replaced_at IS NULL AND d.applicant->>'identityNumber' = $2 AND d.id <> $3 AND (${condition.sql})`,
      [id, identityNumber, exceptDossierId, ...condition.parameters],
    );
    return rows[0] ? { dossierId: rows[0].dossier_id } : null;
  }
}
