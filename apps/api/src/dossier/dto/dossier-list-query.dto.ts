import { ApiProperty } from '@nestjs/swagger';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES, DossierChannel, DossierStatus } from '@motcua/domain';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsIsoInstant, IsOptional } from '../../common/validation';

/** Filters and page of `GET /dossiers` (all optional, combined with AND). */
export class DossierListQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID('all')
  procedureId?: string;

  @ApiProperty({ required: false, enum: DOSSIER_CHANNELS })
  @IsOptional()
  @IsIn(DOSSIER_CHANNELS)
  channel?: DossierChannel;

  @ApiProperty({ required: false, description: 'dossier code prefix, e.g. `000.21.12.H62-251103`' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code?: string;

  @ApiProperty({ required: false, description: "case-insensitive part of the applicant's name" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  applicantName?: string;

  @ApiProperty({ required: false, description: 'received at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsIsoInstant()
  receivedFrom?: string;

  @ApiProperty({ required: false, description: 'received at or before this instant (ISO 8601)' })
  @IsOptional()
  @IsIsoInstant()
  receivedTo?: string;
}
