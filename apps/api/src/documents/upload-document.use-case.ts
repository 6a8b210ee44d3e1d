import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError, isFinalDossierStatus } from '@motcua/domain';
import type { DocumentStorage } from '@motcua/integrations';
import { DocumentSource, DossierDocumentRepository, DossierEntity, ProcedureRepository } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DOCUMENT_STORAGE } from './document-storage.provider';
import { DocumentResponseDto } from './dto/document-response.dto';
import { acceptUpload, commitFileWithRecord, dossierTooLarge, UploadedTemporaryFile } from './uploaded-file';

export interface DocumentUploadCommand {
  /** Loads (and scope-checks) the dossier inside the transaction; null → 404. */
  findDossier: (manager: EntityManager) => Promise<DossierEntity | null>;
  dossierRef: string;
  checklistCode: string;
  digitized: boolean;
  source: Extract<DocumentSource, 'desk-upload' | 'portal-upload'>;
  userId: string | null;
  file: UploadedTemporaryFile | undefined;
}

/**
 * Stores one document of a dossier for one checklist item: checks the file (empty, type by content, size per file
 * and per dossier), then the record and the file appear together or not at all. A new upload for the same item
 * replaces the current one (kept as history); concurrent uploads of one item serialise on the dossier's document
 * lock, so exactly one current record remains and it names the file whose hash it carries.
 */
@Injectable()
export class UploadDocumentUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async upload(command: DocumentUploadCommand): Promise<DocumentResponseDto> {
    let accepted;
    try {
      // Scope first: a dossier outside the caller's reach is 404 whatever the file.
      if (!(await command.findDossier(this.dataSource.manager))) throw this.notFound(command.dossierRef);
      accepted = acceptUpload(command.file);
    } catch (error) {
      if (command.file) await this.storage.discardTemporary(command.file.temporaryKey).catch(() => undefined);
      throw error;
    }
    const { file, contentType, fileName } = accepted;
    const id = randomUUID();
    let storageKey = '';
    // The dossier id (the key's folder) is only known once the dossier is loaded in the transaction.
    const record = await commitFileWithRecord(
      this.dataSource,
      this.storage,
      file,
      () => storageKey,
      async (manager) => {
        const dossier = await command.findDossier(manager);
        if (!dossier) throw this.notFound(command.dossierRef);
        if (isFinalDossierStatus(dossier.status)) {
          throw new DomainError(
            'document.dossier-closed',
            `Dossier ${dossier.code} is ${dossier.status}: its documents can no longer change`,
            'conflict',
          );
        }
        const procedure = await new ProcedureRepository(manager).findById(dossier.procedureId);
        const codes = procedure?.requiredDocuments.map((document) => document.code) ?? [];
        if (!codes.includes(command.checklistCode)) {
          throw new DomainError(
            'document.unknown-checklist-item',
            `checklistCode: '${command.checklistCode}' is not a document of procedure ${procedure?.code ?? '?'} (expected one of ${codes.join(', ')})`,
            'invalid',
            { field: 'checklistCode' },
          );
        }
        const documents = new DossierDocumentRepository(manager);
        await documents.lockDossierDocuments(dossier.id);
        const total = (await documents.currentTotalBytes(dossier.id, command.checklistCode)) + file.sizeBytes;
        if (total > this.config.DOCUMENT_MAX_DOSSIER_BYTES)
          throw dossierTooLarge(total, this.config.DOCUMENT_MAX_DOSSIER_BYTES);
        const now = this.clock.now();
        const replacedId = await documents.replaceCurrent(dossier.id, command.checklistCode, now);
        storageKey = `documents/${dossier.id}/${id}`;
        const inserted = await documents.insert({
          id,
          dossierId: dossier.id,
          checklistCode: command.checklistCode,
          fileName,
          contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey,
          digitized: command.digitized,
          source: command.source,
          reusedDocumentId: null,
          reusedResultId: null,
          reusedFromDossierId: null,
          uploadedByUserId: command.userId,
          createdAt: now,
        });
        await appendDossierEvent(manager, {
          dossierId: dossier.id,
          type: 'document-attached',
          payload: {
            documentId: id,
            checklistCode: command.checklistCode,
            source: command.source,
            sha256: file.sha256,
            sizeBytes: file.sizeBytes,
            contentType,
            digitized: command.digitized,
            replacedDocumentId: replacedId,
          },
          actor: { userId: command.userId, agencyId: null },
          occurredAt: now,
        });
        return inserted;
      },
    );
    return DocumentResponseDto.from(record);
  }

  private notFound(reference: string): DomainError {
    return new DomainError('dossier.not-found', `Dossier ${reference} not found`, 'not-found');
  }
}
