import { ApiProperty } from '@nestjs/swagger';
import type { DossierResultRecord } from '@motcua/persistence';

export class ResultResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  dossierId: string;

  @ApiProperty()
  decisionNumber: string;

  @ApiProperty()
  kind: string;

  @ApiProperty({ format: 'date' })
  issuedOn: string;

  @ApiProperty()
  signer: string;

  @ApiProperty({ format: 'uuid' })
  issuingAgencyId: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty()
  contentType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty()
  sha256: string;

  @ApiProperty()
  digitized: boolean;

  @ApiProperty()
  attachedAt: string;

  static from(record: DossierResultRecord): ResultResponseDto {
    return {
      id: record.id,
      dossierId: record.dossierId,
      decisionNumber: record.decisionNumber,
      kind: record.kind,
      issuedOn: record.issuedOn,
      signer: record.signer,
      issuingAgencyId: record.issuingAgencyId,
      fileName: record.fileName,
      contentType: record.contentType,
      sizeBytes: record.sizeBytes,
      sha256: record.sha256,
      digitized: record.digitized,
      attachedAt: record.attachedAt.toISOString(),
    };
  }
}
