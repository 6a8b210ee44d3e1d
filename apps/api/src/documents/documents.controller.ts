import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierRepository } from '@motcua/persistence';
import { scopeOf } from '../identity/scope';
import { DocumentUploadInterceptor } from './document-upload.interceptor';
import { DossierDocumentsUseCase } from './dossier-documents.use-case';
import { DocumentResponseDto } from './dto/document-response.dto';
import { ReusableFileDto } from './dto/reusable-file.dto';
import { ReuseDocumentDto } from './dto/reuse-document.dto';
import { UPLOAD_DOCUMENT_SCHEMA, UploadDocumentDto } from './dto/upload-document.dto';
import { ReuseDocumentUseCase } from './reuse-document.use-case';
import { digestHeader, streamableFileOf } from './stored-file-download';
import { UploadDocumentUseCase } from './upload-document.use-case';
import { uploadedFileOf } from './uploaded-file';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Dossier documents (thành phần hồ sơ): desk uploads from the scanner, reuse of earlier files, downloads. */
@ApiTags('documents')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Dossier (or document) not found in your scope' })
@Controller('dossiers/:id')
export class DocumentsController {
  constructor(
    private readonly uploads: UploadDocumentUseCase,
    private readonly documents: DossierDocumentsUseCase,
    private readonly reuse: ReuseDocumentUseCase,
  ) {}

  @Post('documents')
  @Roles('desk_officer')
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_DOCUMENT_SCHEMA })
  @ApiOperation({ summary: 'Upload a scanned document for one checklist item (replaces the current one)' })
  @ApiCreatedResponse({ type: DocumentResponseDto })
  @ApiPayloadTooLargeResponse({ description: 'File above the per-file limit, or dossier above its total' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content is not PDF, JPEG, PNG or TIFF' })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: UploadDocumentDto,
    @Req() request: Request,
  ): Promise<DocumentResponseDto> {
    return this.uploads.upload({
      findDossier: (manager) => new DossierRepository(manager).findInScope(id, scopeOf(actor)),
      dossierRef: id,
      checklistCode: body.checklistCode,
      digitized: body.digitized ?? true,
      source: 'desk-upload',
      userId: actor.userId,
      file: uploadedFileOf(request),
    });
  }

  @Get('documents')
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: "The dossier's current documents (one per checklist item)" })
  @ApiOkResponse({ type: [DocumentResponseDto] })
  list(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DocumentResponseDto[]> {
    return this.documents.list(actor, id);
  }

  @Get('documents/:documentId/file')
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')
  @ApiOperation({ summary: "A document's file (Repr-Digest carries its SHA-256)" })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.documents.download(actor, id, documentId);
    response.setHeader('Repr-Digest', digestHeader(download.sha256));
    return streamableFileOf(download);
  }

  @Get('reusable-files')
  @Roles('desk_officer')
  @ApiOperation({
    summary: "Documents and results of the applicant's earlier dossiers (same identity number) within your scope",
  })
  @ApiOkResponse({ type: [ReusableFileDto] })
  reusable(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ReusableFileDto[]> {
    return this.reuse.listReusable(actor, id);
  }

  @Post('documents/reuse')
  @Roles('desk_officer')
  @ApiOperation({ summary: 'Satisfy a checklist item with an earlier document or result of the same applicant' })
  @ApiCreatedResponse({ type: DocumentResponseDto })
  reuseFile(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: ReuseDocumentDto,
  ): Promise<DocumentResponseDto> {
    return this.reuse.reuse(actor, id, body);
  }
}
