import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isLastProcessingStep, ProcessDefinitionDocument } from '@motcua/domain';
import type { DocumentStorage } from '@motcua/integrations';
import { DossierResultRepository, lockDossierRow } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { dossierNotFound } from '../dossier/dossier.use-case';
import { DossierDocumentsUseCase } from './dossier-documents.use-case';
import { DOCUMENT_STORAGE } from './document-storage.provider';
import { AttachResultDto } from './dto/attach-result.dto';
import { ResultResponseDto } from './dto/result-response.dto';
import { StoredFileDownload } from './stored-file-download';
import { acceptUpload, commitFileWithRecord, UploadedTemporaryFile } from './uploaded-file';

interface OpenStep {
  id: string;
  stepId: string;
  document: Partial<ProcessDefinitionDocument>;
}

/**
 * The result of a dossier: the agency of the last processing step (the step whose approval makes the result)
 * attaches the decision and its electronic file while that step is open; staff who see the dossier read it.
 */
@Injectable()
export class DossierResultUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly documents: DossierDocumentsUseCase,
  ) {}

  async attach(
    actor: Actor,
    dossierId: string,
    dto: AttachResultDto,
    file: UploadedTemporaryFile | undefined,
  ): Promise<ResultResponseDto> {
    let checked;
    try {
      const step = await this.openStepOfActor(this.dataSource.manager, actor, dossierId);
      this.requireLastStep(step);
      checked = acceptUpload(file);
    } catch (error) {
      if (file) await this.storage.discardTemporary(file.temporaryKey).catch(() => undefined);
      throw error;
    }
    const id = randomUUID();
    const storageKey = `results/${dossierId}/${id}`;
    const record = await commitFileWithRecord(
      this.dataSource,
      this.storage,
      checked.file,
      () => storageKey,
      async (manager) => {
        await lockDossierRow(manager, dossierId);
        const step = await this.openStepOfActor(manager, actor, dossierId);
        this.requireLastStep(step);
        const now = this.clock.now();
        const results = new DossierResultRepository(manager);
        const replacedId = await results.replaceCurrent(dossierId, now);
        const inserted = await results.insert({
          id,
          dossierId,
          decisionNumber: dto.decisionNumber.trim(),
          kind: dto.kind,
          issuedOn: dto.issuedOn,
          signer: dto.signer.trim(),
          issuingAgencyId: actor.agencyId,
          fileName: checked.fileName,
          contentType: checked.contentType,
          sizeBytes: checked.file.sizeBytes,
          sha256: checked.file.sha256,
          storageKey,
          digitized: dto.digitized ?? true,
          stepTaskId: step.id,
          attachedByUserId: actor.userId,
          attachedAt: now,
        });
        await appendDossierEvent(manager, {
          dossierId,
          type: 'result-attached',
          payload: {
            resultId: id,
            stepTaskId: step.id,
            decisionNumber: inserted.decisionNumber,
            kind: inserted.kind,
            issuedOn: inserted.issuedOn,
            signer: inserted.signer,
            sha256: inserted.sha256,
            digitized: inserted.digitized,
            replacedResultId: replacedId,
          },
          actor: { userId: actor.userId, agencyId: actor.agencyId },
          occurredAt: now,
        });
        return inserted;
      },
    );
    return ResultResponseDto.from(record);
  }

  async get(actor: Actor, dossierId: string): Promise<ResultResponseDto> {
    const dossier = await this.documents.dossierInScope(actor, dossierId);
    const result = await new DossierResultRepository(this.dataSource.manager).findCurrent(dossier.id);
    if (!result) throw new DomainError('result.not-found', `Dossier ${dossier.code} has no result yet`, 'not-found');
    return ResultResponseDto.from(result);
  }

  async download(actor: Actor, dossierId: string): Promise<StoredFileDownload> {
    const result = await this.get(actor, dossierId);
    const record = (await new DossierResultRepository(this.dataSource.manager).findById(result.id))!;
    return { ...result, stream: await this.storage.read(record.storageKey) };
  }

  /** The actor's agency's open step on the dossier (404 when there is none: the dossier is not theirs to act on). */
  private async openStepOfActor(manager: EntityManager, actor: Actor, dossierId: string): Promise<OpenStep> {
    const rows: Array<{ id: string; step_id: string; document: Partial<ProcessDefinitionDocument> }> =
      await manager.query(
        `SELECT s.id, s.step_id, p.document FROM step_task s JOIN process_definition p ON p.id = s.process_definition_id
         WHERE s.dossier_id = $1 AND s.agency_id = $2 AND s.status IN ('open', 'claimed') AND s.kind IN ('task', 'connector')
         ORDER BY s.started_at DESC`,
        [dossierId, actor.agencyId],
      );
    if (rows.length === 0) throw dossierNotFound(dossierId);
    const last = rows.find((row) => isLastProcessingStep(row.document, row.step_id)) ?? rows[0];
    return { id: last.id, stepId: last.step_id, document: last.document };
  }

  private requireLastStep(step: OpenStep): void {
    if (!isLastProcessingStep(step.document, step.stepId)) {
      throw new DomainError(
        'result.not-last-step',
        `Step '${step.stepId}' is not the last processing step: the result is attached by the step whose approval makes it`,
        'conflict',
      );
    }
  }
}
