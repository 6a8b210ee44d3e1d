import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional } from '../../common/validation';

export class AdvanceClockDto {
  @ApiProperty({ required: false, description: 'calendar days (24 h) to move forward' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3660)
  days?: number;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(87840)
  hours?: number;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5270400)
  minutes?: number;
}
