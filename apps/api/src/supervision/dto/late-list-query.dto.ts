import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from '../../common/validation';

export class LateListQueryDto {
  @ApiPropertyOptional({ description: "Agency subtree (must be inside the supervisor's own subtree)" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() procedureId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) field?: string;

  @ApiPropertyOptional({ enum: ['in-person', 'online', 'postal'] })
  @IsOptional()
  @IsIn(['in-person', 'online', 'postal'])
  channel?: string;

  @ApiPropertyOptional({ description: 'Only dossiers received at least this many days ago' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36_500)
  minAgeDays?: number;

  @ApiPropertyOptional({ description: 'Near-due list: dossiers due within this many hours (default 24)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  withinHours?: number;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;
}
