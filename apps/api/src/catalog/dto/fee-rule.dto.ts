import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Min } from 'class-validator';
import { FEE_MODES, FeeMode } from '@motcua/persistence';

export class FeeRuleDto {
  @ApiProperty({ enum: FEE_MODES })
  @IsIn(FEE_MODES)
  mode: FeeMode;

  @ApiProperty({ description: 'VND (per item for per-item)', example: 50000 })
  @IsInt()
  @Min(0)
  amount: number;

  @ApiProperty({ enum: ['before', 'after'] })
  @IsIn(['before', 'after'])
  paid: 'before' | 'after';
}
