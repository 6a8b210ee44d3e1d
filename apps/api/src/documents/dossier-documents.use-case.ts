import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import type { DocumentStorage } from '@motcua/integrations';
import { DossierDocumentRepository, DossierEntity, DossierRepository } from '@motcua/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { dossierNotFound } from '../dossier/dossier.use-case';
import { scopeOf } from '../identity/scope';
import { DOCUMENT_STORAGE } from './document-storage.provider';
import { DocumentResponseDto } from './dto/document-response.dto';
import { StoredFileDownload } from './stored-file-download';

/** Reading a dossier's documents and their files, within the actor's dossier scope. */
@Injectable()
export class DossierDocumentsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** The dossier if the actor's scope covers it (404 otherwise: existence does not leak). */
  async dossierInScope(
    actor: Actor,
    dossierId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DossierEntity> {
    const dossier = await new DossierRepository(manager).findInScope(dossierId, scopeOf(actor));
    if (!dossier) throw dossierNotFound(dossierId);
    return dossier;
  }

  async list(actor: Actor, dossierId: string): Promise<DocumentResponseDto[]> {
    const dossier = await this.dossierInScope(actor, dossierId);
    return (await new DossierDocumentRepository(this.dataSource.manager).listCurrent(dossier.id)).map(
      DocumentResponseDto.from,
    );
  }

  async download(actor: Actor, dossierId: string, documentId: string): Promise<StoredFileDownload> {
    const dossier = await this.dossierInScope(actor, dossierId);
    const document = await new DossierDocumentRepository(this.dataSource.manager).findInDossier(dossier.id, documentId);
    if (!document) {
      throw new DomainError(
        'document.not-found',
        `Document ${documentId} not found in dossier ${dossier.code}`,
        'not-found',
      );
    }
    return {
      stream: await this.storage.read(document.storageKey),
      contentType: document.contentType,
      fileName: document.fileName,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
    };
  }
}
