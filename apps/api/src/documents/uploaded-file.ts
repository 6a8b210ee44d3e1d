import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DocumentContentType, DomainError, sniffDocumentContentType } from '@motcua/domain';
import type { DocumentStorage, TemporaryFile } from '@motcua/integrations';
import type { Request } from 'express';
import { DataSource, EntityManager } from 'typeorm';

/** The multipart file as the upload interceptor leaves it on the request: already in the storage's temporary area. */
export interface UploadedTemporaryFile extends TemporaryFile {
  fieldname: string;
  originalname: string;
}

/** A checked upload: not empty, and one of the accepted document types by its bytes. */
export interface AcceptedUpload {
  file: UploadedTemporaryFile;
  contentType: DocumentContentType;
  fileName: string;
}

/**
 * Refuses a missing or empty file (400) and content that is not PDF/JPEG/PNG/TIFF by its magic number (415), naming
 * why; the declared content type and the file name are not trusted.
 */
export function acceptUpload(file: UploadedTemporaryFile | undefined): AcceptedUpload {
  if (!file) {
    throw new DomainError('document.file-missing', 'file: a multipart field named "file" is required', 'invalid', {
      field: 'file',
    });
  }
  if (file.sizeBytes === 0) {
    throw new DomainError('document.file-empty', 'file: the file is empty (0 bytes)', 'invalid', { field: 'file' });
  }
  const contentType = sniffDocumentContentType(file.head);
  if (!contentType) {
    throw new UnsupportedMediaTypeException(
      'file: the content is not a PDF, JPEG, PNG or TIFF document (recognised from the bytes, not the name or the declared type)',
    );
  }
  return { file, contentType, fileName: cleanFileName(file.originalname) };
}

export function dossierTooLarge(totalBytes: number, limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `file: the dossier's documents would total ${totalBytes} bytes, above the limit of ${limit} bytes per dossier`,
  );
}

/** The uploaded file on the request (set by DocumentUploadInterceptor). */
export function uploadedFileOf(request: Request): UploadedTemporaryFile | undefined {
  return (request as Request & { file?: UploadedTemporaryFile }).file;
}

/**
 * Nothing half-written: `work` writes the record in a transaction, then the file is committed under `storageKey()` as
 * the transaction's last step. If the transaction fails after that, the file is removed again; if the process dies
 * in between, the orphan is named by no record (so never served) and the storage sweeper removes it.
 */
export async function commitFileWithRecord<T>(
  dataSource: DataSource,
  storage: DocumentStorage,
  file: TemporaryFile,
  storageKey: () => string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  let committed: string | null = null;
  try {
    return await dataSource.transaction(async (manager) => {
      const result = await work(manager);
      await storage.commit(file.temporaryKey, storageKey());
      committed = storageKey();
      return result;
    });
  } catch (error) {
    if (committed) await storage.remove(committed).catch(() => undefined);
    throw error;
  } finally {
    await storage.discardTemporary(file.temporaryKey).catch(() => undefined);
  }
}

/** A file name safe to store and to send back in Content-Disposition. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((character) => character.charCodeAt(0) > 0x1f && character !== '\u007f' && character !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'tai-lieu';
}
