import { Module } from '@nestjs/common';
import { DocumentUploadInterceptor } from './document-upload.interceptor';
import { documentStorageProvider, DOCUMENT_STORAGE } from './document-storage.provider';
import { DocumentsController } from './documents.controller';
import { DossierDocumentsUseCase } from './dossier-documents.use-case';
import { DossierResultUseCase } from './dossier-result.use-case';
import { PublicDocumentsController } from './public-documents.controller';
import { ResultsController } from './results.controller';
import { ReuseDocumentUseCase } from './reuse-document.use-case';
import { UploadDocumentUseCase } from './upload-document.use-case';

/** Dossier documents, results and reuse; owns the document storage the delivery routes read from. */
@Module({
  controllers: [DocumentsController, ResultsController, PublicDocumentsController],
  providers: [
    documentStorageProvider,
    DocumentUploadInterceptor,
    UploadDocumentUseCase,
    DossierDocumentsUseCase,
    DossierResultUseCase,
    ReuseDocumentUseCase,
  ],
  exports: [DOCUMENT_STORAGE, DocumentUploadInterceptor, UploadDocumentUseCase, DossierDocumentsUseCase],
})
export class DocumentsModule {}
