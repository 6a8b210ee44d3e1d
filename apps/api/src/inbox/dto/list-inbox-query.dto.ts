import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsIsoInstant, IsOptional } from '../../common/validation';

export class ListInboxQueryDto {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (keyset on deadline, id)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
