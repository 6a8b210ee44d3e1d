import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { DOCUMENT_FORMS, DocumentForm } from '@motcua/persistence';

export class ReceivedDocumentDto {
  @ApiProperty({ example: 'TK01', description: "code of one of the procedure's required documents" })
  @IsString()
  @MaxLength(32)
  code: string;

  @ApiProperty({ enum: DOCUMENT_FORMS })
  @IsIn(DOCUMENT_FORMS)
  form: DocumentForm;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  count: number;
}
