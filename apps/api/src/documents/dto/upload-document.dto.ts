import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** Multipart text fields are strings: "true"/"false" (also 1/0, yes/no) become booleans. */
export const toBooleanField = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  return ['true', '1', 'yes'].includes(lower) ? true : ['false', '0', 'no'].includes(lower) ? false : value;
};

/** The text fields of a document upload (multipart/form-data, with the file in the field `file`). */
export class UploadDocumentDto {
  @ApiProperty({
    description: "the checklist item (required document code of the dossier's procedure)",
    example: 'DON',
  })
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: '$property must be a document code of the procedure (e.g. DON)' })
  checklistCode: string;

  @ApiProperty({
    required: false,
    description: 'digitized (số hóa) copy with legal value; default true at the desk, false from the portal',
  })
  @IsOptional()
  @Transform(toBooleanField)
  @IsBoolean({ message: '$property must be true or false' })
  digitized?: boolean;
}

/** The upload form as OpenAPI shows it. */
export const UPLOAD_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['file', 'checklistCode'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or TIFF' },
    checklistCode: { type: 'string' },
    digitized: { type: 'boolean' },
  },
};
