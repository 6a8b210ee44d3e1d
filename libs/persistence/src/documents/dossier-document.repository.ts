import { EntityManager } from 'typeorm';

export const DOCUMENT_SOURCES = ['desk-upload', 'portal-upload', 'reused-document', 'reused-result'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/** A stored file's facts, shared by documents and results. */
export interface StoredFileFacts {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  digitized: boolean;
}

/** One document of a dossier, satisfying one checklist item (thành phần hồ sơ). */
export interface DossierDocumentRecord extends StoredFileFacts {
  id: string;
  dossierId: string;
  checklistCode: string;
  source: DocumentSource;
  reusedDocumentId: string | null;
  reusedResultId: string | null;
  reusedFromDossierId: string | null;
  uploadedByUserId: string | null;
  createdAt: Date;
  replacedAt: Date | null;
}

interface DocumentRow {
  id: string;
  dossier_id: string;
  checklist_code: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  digitized: boolean;
  source: DocumentSource;
  reused_document_id: string | null;
  reused_result_id: string | null;
  reused_from_dossier_id: string | null;
  uploaded_by_user_id: string | null;
  created_at: Date;
  replaced_at: Date | null;
}

function toRecord(row: DocumentRow): DossierDocumentRecord {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    checklistCode: row.checklist_code,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    digitized: row.digitized,
    source: row.source,
    reusedDocumentId: row.reused_document_id,
    reusedResultId: row.reused_result_id,
    reusedFromDossierId: row.reused_from_dossier_id,
    uploadedByUserId: row.uploaded_by_user_id,
    createdAt: new Date(row.created_at),
    replacedAt: row.replaced_at ? new Date(row.replaced_at) : null,
  };
}

/** Dossier documents. Writes belong in the caller's transaction. */
export class DossierDocumentRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Serialises document changes of one dossier until the transaction ends (limits and "one current" hold). */
  async lockDossierDocuments(dossierId: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`documents:${dossierId}`]);
  }

  /** Total bytes of the dossier's current documents, leaving out one checklist item (about to be replaced). */
  async currentTotalBytes(dossierId: string, exceptChecklistCode: string): Promise<number> {
    const [row]: Array<{ total: string }> = await this.manager.query(
      `SELECT coalesce(sum(size_bytes), 0) AS total FROM dossier_document
       WHERE dossier_id = $1 AND replaced_at IS NULL AND checklist_code <> $2`,
      [dossierId, exceptChecklistCode],
    );
    return Number(row.total);
  }

  /** Marks the current document of a checklist item replaced; returns its id (null when there was none). */
  async replaceCurrent(dossierId: string, checklistCode: string, at: Date): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `UPDATE dossier_document SET replaced_at = $3
       WHERE dossier_id = $1 AND checklist_code = $2 AND replaced_at IS NULL RETURNING id`,
      [dossierId, checklistCode, at],
    );
    return rows[0]?.id ?? null;
  }

  async insert(record: Omit<DossierDocumentRecord, 'replacedAt'>): Promise<DossierDocumentRecord> {
    const [row]: DocumentRow[] = await this.manager.query(
      `INSERT INTO dossier_document (id, dossier_id, checklist_code, file_name, content_type, size_bytes, sha256, storage_key,
         digitized, source, reused_document_id, reused_result_id, reused_from_dossier_id, uploaded_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [
        record.id,
        record.dossierId,
        record.checklistCode,
        record.fileName,
        record.contentType,
        record.sizeBytes,
        record.sha256,
        record.storageKey,
        record.digitized,
        record.source,
        record.reusedDocumentId,
        record.reusedResultId,
        record.reusedFromDossierId,
        record.uploadedByUserId,
        record.createdAt,
      ],
    );
    return toRecord(row);
  }

  async listCurrent(dossierId: string): Promise<DossierDocumentRecord[]> {
    const rows: DocumentRow[] = await this.manager.query(
      `SELECT * FROM dossier_document WHERE dossier_id = $1 AND replaced_at IS NULL ORDER BY checklist_code, created_at`,
      [dossierId],
    );
    return rows.map(toRecord);
  }

  async findInDossier(dossierId: string, documentId: string): Promise<DossierDocumentRecord | null> {
    const rows: DocumentRow[] = await this.manager.query(
      `SELECT * FROM dossier_document WHERE dossier_id = $1 AND id = $2`,
      [dossierId, documentId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(documentId: string): Promise<DossierDocumentRecord | null> {
    const rows: DocumentRow[] = await this.manager.query(`SELECT * FROM dossier_document WHERE id = $1`, [documentId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Which of these storage keys a document or a result record names (the rest are orphans). */
  async referencedStorageKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ storage_key: string }> = await this.manager.query(
      `SELECT storage_key FROM dossier_document WHERE storage_key = ANY($1::text[])
       UNION SELECT storage_key FROM dossier_result WHERE storage_key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((row) => row.storage_key));
  }
}
