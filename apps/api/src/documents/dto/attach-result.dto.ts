import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIsoDate, IsOptional } from '../../common/validation';
import { toBooleanField } from './upload-document.dto';

export const RESULT_KINDS = ['decision', 'certificate', 'licence', 'confirmation', 'refusal-notice', 'other'] as const;

/** The text fields of a result attachment (multipart/form-data, with the electronic result in the field `file`). */
export class AttachResultDto {
  @ApiProperty({ description: 'decision number (số quyết định / số giấy)', example: '123/QĐ-UBND' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionNumber: string;

  @ApiProperty({ enum: RESULT_KINDS })
  @IsIn(RESULT_KINDS, { message: `$property must be one of ${RESULT_KINDS.join(', ')}` })
  kind: (typeof RESULT_KINDS)[number];

  @ApiProperty({ description: 'date signed, YYYY-MM-DD', example: '2026-11-26' })
  @IsIsoDate()
  issuedOn: string;

  @ApiProperty({ description: 'who signed', example: 'Nguyễn Văn Bình, Phó Chủ tịch UBND' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signer: string;

  @ApiProperty({ required: false, description: 'digitized (electronic result with legal value); default true' })
  @IsOptional()
  @Transform(toBooleanField)
  @IsBoolean({ message: '$property must be true or false' })
  digitized?: boolean;
}

export const ATTACH_RESULT_SCHEMA = {
  type: 'object',
  required: ['file', 'decisionNumber', 'kind', 'issuedOn', 'signer'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or TIFF' },
    decisionNumber: { type: 'string' },
    kind: { type: 'string', enum: [...RESULT_KINDS] },
    issuedOn: { type: 'string', format: 'date' },
    signer: { type: 'string' },
    digitized: { type: 'boolean' },
  },
};
