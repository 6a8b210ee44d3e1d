import { ApiProperty } from '@nestjs/swagger';
import type { DossierDocumentRecord } from '@motcua/persistence';

export class DocumentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  dossierId: string;

  @ApiProperty()
  checklistCode: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] })
  contentType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ description: 'hex SHA-256 of the stored bytes' })
  sha256: string;

  @ApiProperty()
  digitized: boolean;

  @ApiProperty({ enum: ['desk-upload', 'portal-upload', 'reused-document', 'reused-result'] })
  source: string;

  @ApiProperty({ format: 'uuid', nullable: true, description: 'reuse: the earlier dossier the file comes from' })
  reusedFromDossierId: string | null;

  @ApiProperty()
  createdAt: string;

  static from(record: DossierDocumentRecord): DocumentResponseDto {
    return {
      id: record.id,
      dossierId: record.dossierId,
      checklistCode: record.checklistCode,
      fileName: record.fileName,
      contentType: record.contentType,
      sizeBytes: record.sizeBytes,
      sha256: record.sha256,
      digitized: record.digitized,
      source: record.source,
      reusedFromDossierId: record.reusedFromDossierId,
      createdAt: record.createdAt.toISOString(),
    };
  }
}
