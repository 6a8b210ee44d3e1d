import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class ClaimStepDto {
  @ApiPropertyOptional({ description: 'The version seen in the inbox (optimistic lock)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
