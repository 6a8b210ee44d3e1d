import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IndicatorQueryDto } from '../../indicators/dto/indicator-query.dto';
import { IsOptional } from '../../common/validation';

export const REPORT_GROUPS = ['field', 'procedure', 'agency'] as const;
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

export class ResolutionReportQueryDto extends IndicatorQueryDto {
  @ApiProperty({
    enum: REPORT_GROUPS,
    required: false,
    default: 'field',
    description: 'One row per field, procedure or agency',
  })
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  groupBy: (typeof REPORT_GROUPS)[number] = 'field';

  @ApiProperty({ enum: REPORT_FORMATS, required: false, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: (typeof REPORT_FORMATS)[number] = 'json';
}
