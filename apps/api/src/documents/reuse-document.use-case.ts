import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError, isFinalDossierStatus } from '@motcua/domain';
import {
  DossierDocumentRepository,
  DossierRepository,
  DossierResultRepository,
  ProcedureRepository,
  ReusableFileRepository,
  StoredFileFacts,
} from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeOf } from '../identity/scope';
import { dossierNotFound } from '../dossier/dossier.use-case';
import { DocumentResponseDto } from './dto/document-response.dto';
import { ReusableFileDto } from './dto/reusable-file.dto';
import { ReuseDocumentDto } from './dto/reuse-document.dto';
import { dossierTooLarge } from './uploaded-file';

/**
 * Reuse (DOMAIN.md indicators: ≥ 80 % of applicants not asked again for papers the state holds): a document or result
 * of an earlier dossier of the same applicant (identity number) satisfies a checklist item of a new dossier. The
 * file is shared, not copied; the new record names its source (the reuse is recorded and counts towards the reuse
 * indicator). Only earlier dossiers the actor's scope covers can be seen or reused.
 */
@Injectable()
export class ReuseDocumentUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {}

  async listReusable(actor: Actor, dossierId: string): Promise<ReusableFileDto[]> {
    const dossier = await new DossierRepository(this.dataSource.manager).findInScope(dossierId, scopeOf(actor));
    if (!dossier) throw dossierNotFound(dossierId);
    const files = await new ReusableFileRepository(this.dataSource.manager).listForApplicant(
      dossier.applicant.identityNumber,
      dossier.id,
      scopeOf(actor),
    );
    return files.map(ReusableFileDto.from);
  }

  async reuse(actor: Actor, dossierId: string, dto: ReuseDocumentDto): Promise<DocumentResponseDto> {
    const record = await this.dataSource.transaction(async (manager) => {
      const dossier = await new DossierRepository(manager).findInScope(dossierId, scopeOf(actor));
      if (!dossier) throw dossierNotFound(dossierId);
      if (isFinalDossierStatus(dossier.status)) {
        throw new DomainError('document.dossier-closed', `Dossier ${dossier.code} is ${dossier.status}`, 'conflict');
      }
      const procedure = await new ProcedureRepository(manager).findById(dossier.procedureId);
      const codes = procedure?.requiredDocuments.map((document) => document.code) ?? [];
      if (!codes.includes(dto.checklistCode)) {
        throw new DomainError(
          'document.unknown-checklist-item',
          `checklistCode: '${dto.checklistCode}' is not a document of procedure ${procedure?.code ?? '?'} (expected one of ${codes.join(', ')})`,
          'invalid',
          { field: 'checklistCode' },
        );
      }
      const owner = await new ReusableFileRepository(manager).findReusable(
        dto.kind,
        dto.sourceId,
        dossier.applicant.identityNumber,
        dossier.id,
        scopeOf(actor),
      );
      // Someone else's file, or one outside the actor's scope: the same refusal as a file that does not exist.
      if (!owner) {
        throw new DomainError(
          'document.reuse-source-not-found',
          `sourceId: no ${dto.kind} ${dto.sourceId} among this applicant's earlier dossiers within your scope`,
          'precondition',
          { field: 'sourceId' },
        );
      }
      const source: StoredFileFacts | null =
        dto.kind === 'document'
          ? await new DossierDocumentRepository(manager).findById(dto.sourceId)
          : await new DossierResultRepository(manager).findById(dto.sourceId);
      if (!source) throw new Error(`reusable ${dto.kind} ${dto.sourceId} vanished`);
      const documents = new DossierDocumentRepository(manager);
      await documents.lockDossierDocuments(dossier.id);
      const total = (await documents.currentTotalBytes(dossier.id, dto.checklistCode)) + source.sizeBytes;
      if (total > this.config.DOCUMENT_MAX_DOSSIER_BYTES)
        throw dossierTooLarge(total, this.config.DOCUMENT_MAX_DOSSIER_BYTES);
      const now = this.clock.now();
      const replacedId = await documents.replaceCurrent(dossier.id, dto.checklistCode, now);
      const id = randomUUID();
      const inserted = await documents.insert({
        id,
        dossierId: dossier.id,
        checklistCode: dto.checklistCode,
        fileName: source.fileName,
        contentType: source.contentType,
        sizeBytes: source.sizeBytes,
        sha256: source.sha256,
        storageKey: source.storageKey,
        digitized: source.digitized,
        source: dto.kind === 'document' ? 'reused-document' : 'reused-result',
        reusedDocumentId: dto.kind === 'document' ? dto.sourceId : null,
        reusedResultId: dto.kind === 'result' ? dto.sourceId : null,
        reusedFromDossierId: owner.dossierId,
        uploadedByUserId: actor.userId,
        createdAt: now,
      });
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'document-reused',
        payload: {
          documentId: id,
          checklistCode: dto.checklistCode,
          reusedKind: dto.kind,
          reusedId: dto.sourceId,
          reusedFromDossierId: owner.dossierId,
          sha256: source.sha256,
          replacedDocumentId: replacedId,
        },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      return inserted;
    });
    return DocumentResponseDto.from(record);
  }
}
