import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FEE_MODES, FEE_TIMINGS, FeeMode, FeeTiming } from '@motcua/persistence';
import { IsOptional, MAX_AMOUNT_VND } from '../../common/validation';

export class FeeRuleDto {
  @ApiProperty({ enum: FEE_MODES })
  @IsIn(FEE_MODES)
  mode: FeeMode;

  @ApiProperty({ description: 'Whole VND (per item for per-item, per dossier set for per-set)', example: 50000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_VND)
  amount: number;

  @ApiProperty({
    enum: FEE_TIMINGS,
    description: 'at-intake (at the desk), before processing, after (before the result)',
  })
  @IsIn(FEE_TIMINGS)
  paid: FeeTiming;

  @ApiProperty({
    required: false,
    type: [String],
    description: 'Applicant groups exempt from the fee',
    example: ['ho-ngheo'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9-]{1,50}$/, { each: true, message: 'each exempt group must be a lowercase slug (a-z, 0-9, -)' })
  exemptApplicantGroups?: string[];

  @ApiProperty({ required: false, example: 'Lệ phí cấp giấy chứng nhận' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}
