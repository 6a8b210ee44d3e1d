import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from '../validation';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-query.dto';

/**
 * `?limit=&cursor=` of every keyset-paginated list (large lists ordered by a deadline); the answer is
 * `{ items, nextCursor }`, `nextCursor: null` on the last page (docs/PAGINATION.md). Same maximum as the
 * offset lists.
 */
export class KeysetQueryDto {
  @ApiProperty({ required: false, default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiProperty({ required: false, description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
