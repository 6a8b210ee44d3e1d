import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional, MAX_INT32 } from '../../common/validation';

export class ClaimStepDto {
  @ApiPropertyOptional({ description: 'The version seen in the inbox (optimistic lock)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  version?: number;
}
