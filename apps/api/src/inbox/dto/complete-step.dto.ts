import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_OUTCOMES, StepOutcome } from '@motcua/domain';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptional, MAX_INT32 } from '../../common/validation';

export class CompleteStepDto {
  @ApiProperty({ enum: STEP_OUTCOMES })
  @IsIn(STEP_OUTCOMES as unknown as string[])
  outcome: StepOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The version seen in the inbox (optimistic lock): a stale version gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  version?: number;
}
