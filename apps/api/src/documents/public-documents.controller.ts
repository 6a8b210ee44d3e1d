import { Body, Controller, Headers, Param, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { DomainError } from '@motcua/domain';
import { DossierEntity, hashLookupSecret } from '@motcua/persistence';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../identity/access.decorator';
import { DocumentUploadInterceptor } from './document-upload.interceptor';
import { DocumentResponseDto } from './dto/document-response.dto';
import { UPLOAD_DOCUMENT_SCHEMA, UploadDocumentDto } from './dto/upload-document.dto';
import { UploadDocumentUseCase } from './upload-document.use-case';
import { uploadedFileOf } from './uploaded-file';

const LOOKUP_SECRET_HEADER = 'x-lookup-secret';
const SECRET = /^[A-Za-z0-9 -]{1,64}$/;

/** True when `secret` (spaces and dashes as printed are ignored) is the dossier's lookup secret; constant time. */
function secretMatches(dossier: DossierEntity, secret: string): boolean {
  const expected = Buffer.from(dossier.lookupSecretHash, 'utf8');
  const given = Buffer.from(hashLookupSecret(secret.replace(/[\s-]/g, '')), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Online applicants upload their documents (no account): dossier code + the lookup secret from the receipt or the
 * portal's submission answer, in the X-Lookup-Secret header. Same checks as the desk's upload (type by content,
 * size per file and per dossier, empty files, checklist item of the procedure); stored as not digitized (a copy
 * the applicant sent, not a certified digitization). Unknown code and wrong secret are the same 404.
 */
@ApiTags('public')
@Controller('public/dossiers')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
export class PublicDocumentsController {
  constructor(private readonly uploads: UploadDocumentUseCase) {}

  @Post(':code/documents')
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_DOCUMENT_SCHEMA })
  @ApiHeader({ name: LOOKUP_SECRET_HEADER, required: true, description: 'The lookup secret of the dossier' })
  @ApiOperation({ summary: 'The applicant uploads a document for one checklist item of their dossier (code + secret)' })
  @ApiCreatedResponse({ type: DocumentResponseDto })
  @ApiBadRequestResponse({ description: 'No or malformed secret, unknown checklist item, empty file' })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
  @ApiPayloadTooLargeResponse({ description: 'File above the per-file limit, or dossier above its total' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content is not PDF, JPEG, PNG or TIFF' })
  upload(
    @Param('code') code: string,
    @Headers(LOOKUP_SECRET_HEADER) secret: string | undefined,
    @Body() body: UploadDocumentDto,
    @Req() request: Request,
  ): Promise<DocumentResponseDto> {
    return this.uploads.upload({
      findDossier: async (manager) => {
        // Inside the use case's first step, so a refused request also drops the uploaded temporary file.
        if (!secret || !SECRET.test(secret)) {
          throw new DomainError(
            'lookup.secret-required',
            'Send the lookup secret of the dossier (letters and digits) in the X-Lookup-Secret header',
            'invalid',
            { field: 'X-Lookup-Secret' },
          );
        }
        const dossier = await manager.getRepository(DossierEntity).findOne({ where: { code } });
        return dossier && secretMatches(dossier, secret) ? dossier : null;
      },
      dossierRef: code,
      checklistCode: body.checklistCode,
      digitized: false,
      source: 'portal-upload',
      userId: null,
      file: uploadedFileOf(request),
    });
  }
}
