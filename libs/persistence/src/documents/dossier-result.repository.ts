import { EntityManager } from 'typeorm';
import type { StoredFileFacts } from './dossier-document.repository';

/** The result of a dossier (kết quả giải quyết): the decision and its electronic file. */
export interface DossierResultRecord extends StoredFileFacts {
  id: string;
  dossierId: string;
  decisionNumber: string;
  kind: string;
  /** Local date the decision was signed, `YYYY-MM-DD`. */
  issuedOn: string;
  signer: string;
  issuingAgencyId: string;
  stepTaskId: string | null;
  attachedByUserId: string | null;
  attachedAt: Date;
}

interface ResultRow {
  id: string;
  dossier_id: string;
  decision_number: string;
  kind: string;
  issued_on: string;
  signer: string;
  issuing_agency_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  digitized: boolean;
  step_task_id: string | null;
  attached_by_user_id: string | null;
  attached_at: Date;
}

function toRecord(row: ResultRow): DossierResultRecord {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    decisionNumber: row.decision_number,
    kind: row.kind,
    issuedOn: row.issued_on,
    signer: row.signer,
    issuingAgencyId: row.issuing_agency_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    digitized: row.digitized,
    stepTaskId: row.step_task_id,
    attachedByUserId: row.attached_by_user_id,
    attachedAt: new Date(row.attached_at),
  };
}

const COLUMNS = `id, dossier_id, decision_number, kind, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, signer,
  issuing_agency_id, file_name, content_type, size_bytes, sha256, storage_key, digitized, step_task_id,
  attached_by_user_id, attached_at`;

/** Dossier results; one current result per dossier (a re-attachment keeps the earlier one as history). */
export class DossierResultRepository {
  constructor(private readonly manager: EntityManager) {}

  async replaceCurrent(dossierId: string, at: Date): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `UPDATE dossier_result SET replaced_at = $2 WHERE dossier_id = $1 AND replaced_at IS NULL RETURNING id`,
      [dossierId, at],
    );
    return rows[0]?.id ?? null;
  }

  async insert(record: DossierResultRecord): Promise<DossierResultRecord> {
    const [row]: ResultRow[] = await this.manager.query(
      `INSERT INTO dossier_result (id, dossier_id, decision_number, kind, issued_on, signer, issuing_agency_id, file_name,
         content_type, size_bytes, sha256, storage_key, digitized, step_task_id, attached_by_user_id, attached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${COLUMNS}`,
      [
        record.id,
        record.dossierId,
        record.decisionNumber,
        record.kind,
        record.issuedOn,
        record.signer,
        record.issuingAgencyId,
        record.fileName,
        record.contentType,
        record.sizeBytes,
        record.sha256,
        record.storageKey,
        record.digitized,
        record.stepTaskId,
        record.attachedByUserId,
        record.attachedAt,
      ],
    );
    return toRecord(row);
  }

  async findCurrent(dossierId: string): Promise<DossierResultRecord | null> {
    const rows: ResultRow[] = await this.manager.query(
      `SELECT ${COLUMNS} FROM dossier_result WHERE dossier_id = $1 AND replaced_at IS NULL`,
      [dossierId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(resultId: string): Promise<DossierResultRecord | null> {
    const rows: ResultRow[] = await this.manager.query(`SELECT ${COLUMNS} FROM dossier_result WHERE id = $1`, [
      resultId,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }
}
