import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Satisfy a checklist item with a document or result of the applicant's earlier dossier. */
export class ReuseDocumentDto {
  @ApiProperty({ example: 'GCN' })
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: '$property must be a document code of the procedure' })
  checklistCode: string;

  @ApiProperty({ enum: ['document', 'result'] })
  @IsIn(['document', 'result'], { message: '$property must be document or result' })
  kind: 'document' | 'result';

  @ApiProperty({ format: 'uuid', description: 'id of the earlier document or result (GET …/reusable-files)' })
  @IsUUID('all', { message: '$property must be a UUID' })
  sourceId: string;
}
