import { ApiProperty } from '@nestjs/swagger';
import type { ReusableFile } from '@motcua/persistence';

export class ReusableFileDto {
  @ApiProperty({ enum: ['document', 'result'] })
  kind: 'document' | 'result';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  dossierId: string;

  @ApiProperty()
  dossierCode: string;

  @ApiProperty({ description: 'checklist item (documents) or result kind (results)' })
  label: string;

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
  createdAt: string;

  static from(file: ReusableFile): ReusableFileDto {
    return { ...file, createdAt: file.createdAt.toISOString() };
  }
}
