import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { MAX_AMOUNT_VND } from '../../common/validation';
import { FEE_MODES, FeeMode } from '@motcua/persistence';

export class FeeRuleDto {
  @ApiProperty({ enum: FEE_MODES })
  @IsIn(FEE_MODES)
  mode: FeeMode;

  @ApiProperty({ description: 'VND (per item for per-item)', example: 50000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_VND)
  amount: number;

  @ApiProperty({ enum: ['before', 'after'] })
  @IsIn(['before', 'after'])
  paid: 'before' | 'after';
}
