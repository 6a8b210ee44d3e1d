import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { KeysetQueryDto } from '../../common/pagination/keyset-query.dto';
import { IsIsoInstant, IsOptional } from '../../common/validation';

/** Keyset on (deadline, id): `?limit=&cursor=` from KeysetQueryDto (docs/PAGINATION.md). */
export class ListInboxQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'claimed', 'dead-letter'], description: 'Default: open and claimed' })
  @IsOptional()
  @IsIn(['open', 'claimed', 'dead-letter'])
  status?: 'open' | 'claimed' | 'dead-letter';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  procedureId?: string;

  @ApiPropertyOptional({ description: 'Only steps whose deadline is before this instant' })
  @IsOptional()
  @IsIsoInstant()
  deadlineBefore?: string;

  @ApiPropertyOptional({ description: "'me' for the steps assigned to the caller" })
  @IsOptional()
  @IsIn(['me'])
  assigned?: 'me';
}
