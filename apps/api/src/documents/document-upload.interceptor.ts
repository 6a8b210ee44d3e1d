import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MotcuaConfig } from '@motcua/config';
import type { DocumentStorage } from '@motcua/integrations';
import type { Request } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { DOCUMENT_STORAGE } from './document-storage.provider';
import { uploadedFileOf, UploadedTemporaryFile } from './uploaded-file';

/** multer storage engine streaming the file part into the document storage's temporary area (hashing it). */
class TemporaryFileEngine {
  constructor(private readonly storage: DocumentStorage) {}

  _handleFile(
    _request: Request,
    file: { stream: NodeJS.ReadableStream },
    callback: (error: Error | null, info?: Partial<UploadedTemporaryFile>) => void,
  ): void {
    this.storage
      .writeTemporary(file.stream as unknown as AsyncIterable<Buffer>)
      .then((stored) => callback(null, stored), callback);
  }

  _removeFile(_request: Request, file: UploadedTemporaryFile, callback: (error: Error | null) => void): void {
    this.storage.discardTemporary(file.temporaryKey).then(() => callback(null), callback);
  }
}

/**
 * Parses a multipart upload with one file field `file` (streamed to the storage's temporary area, never held in
 * memory) and a few text fields. Malformed multipart, extra files or fields → 400; a file above
 * DOCUMENT_MAX_FILE_BYTES → 413 naming the limit. The temporary file is dropped when the request fails later.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {
    const Multer: Type<NestInterceptor> = FileInterceptor('file', {
      storage: new TemporaryFileEngine(storage),
      // Browsers send UTF-8 file names (Vietnamese); multer's default would read them as latin1.
      defParamCharset: 'utf8',
      limits: { fileSize: config.DOCUMENT_MAX_FILE_BYTES, files: 1, fields: 12, fieldSize: 8 * 1024, parts: 14 },
    });
    this.inner = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    let handled: Observable<unknown>;
    try {
      handled = (await this.inner.intercept(context, next)) as Observable<unknown>;
    } catch (error) {
      throw this.explain(error);
    }
    return handled.pipe(
      catchError((error: unknown) => {
        const file = uploadedFileOf(request);
        if (file) void this.storage.discardTemporary(file.temporaryKey).catch(() => undefined);
        return throwError(() => error);
      }),
    );
  }

  private explain(error: unknown): unknown {
    if (error instanceof PayloadTooLargeException) {
      return new PayloadTooLargeException(
        `file: larger than the limit of ${this.config.DOCUMENT_MAX_FILE_BYTES} bytes per file`,
      );
    }
    return error;
  }
}
