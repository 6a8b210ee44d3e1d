import { ApiProperty } from '@nestjs/swagger';
import { DOSSIER_STATUSES, DossierStatus } from '@motcua/domain';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptional, IsIsoInstant } from '../../common/validation';
import { IDENTITY_NUMBER, VIETNAMESE_PHONE } from '../../intake/dto/applicant.dto';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value;

/** Criteria and page of `GET /search/dossiers` (all optional, combined with AND). */
export class SearchDossiersQueryDto {
  @ApiProperty({
    required: false,
    description:
      'words of the applicant\'s name, accents and case ignored, the last one a prefix ("nguyen van a" finds "Nguyễn Văn Á")',
    example: 'nguyen van a',
  })
  @IsOptional()
  @Transform(trimmed)
  @MinLength(3, { message: '$property must have at least 3 characters' })
  @MaxLength(100)
  @Matches(/^[\p{L}\p{M}0-9 .'-]+$/u, { message: "$property may contain letters, digits, spaces, . ' - only" })
  @Matches(/[\p{L}\p{N}]/u, { message: '$property must contain a letter or a digit' })
  name?: string;

  @ApiProperty({ required: false, description: 'dossier code or its prefix', example: '000.21.12.H62-2611' })
  @IsOptional()
  @Transform(trimmed)
  @MinLength(3)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9.-]+$/, { message: '$property may contain letters, digits, . and - only' })
  code?: string;

  @ApiProperty({ required: false, description: 'CCCD (12 digits) or CMND (9 digits)' })
  @IsOptional()
  @Matches(IDENTITY_NUMBER, { message: '$property must be a 12-digit (or 9-digit) identity number' })
  identityNumber?: string;

  @ApiProperty({ required: false, description: 'phone number (0… or +84…)' })
  @IsOptional()
  @Matches(VIETNAMESE_PHONE, { message: '$property must be a Vietnamese phone number' })
  phone?: string;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  procedureId?: string;

  @ApiProperty({ required: false, enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiProperty({ required: false, description: 'received at or after (ISO 8601)' })
  @IsOptional()
  @IsIsoInstant()
  receivedFrom?: string;

  @ApiProperty({ required: false, description: 'received at or before (ISO 8601)' })
  @IsOptional()
  @IsIsoInstant()
  receivedTo?: string;

  @ApiProperty({ required: false, default: 1, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page: number = 1;

  @ApiProperty({ required: false, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
