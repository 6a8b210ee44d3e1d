import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';

/** What a download sends: the bytes with their type, name and SHA-256 (RFC 9530 Repr-Digest). */
export interface StoredFileDownload {
  stream: Readable;
  contentType: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export function streamableFileOf(download: StoredFileDownload): StreamableFile {
  const asciiName =
    download.fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file';
  return new StreamableFile(download.stream, {
    type: download.contentType,
    length: download.sizeBytes,
    disposition: `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
  });
}

export function digestHeader(sha256: string): string {
  return `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`;
}
