import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IndicatorQueryDto } from '../../indicators/dto/indicator-query.dto';
import { IsOptional } from '../../common/validation';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination/page-query.dto';

export const FACT_FORMATS = ['json', 'csv'] as const;

/** JSON pages like every offset list; CSV is the whole period at once (bounded, see DOSSIER_FACTS_CSV_MAX_ROWS). */
export class DossierFactsQueryDto extends IndicatorQueryDto {
  @ApiProperty({ enum: FACT_FORMATS, required: false, default: 'json' })
  @IsOptional()
  @IsIn(FACT_FORMATS)
  format: (typeof FACT_FORMATS)[number] = 'json';

  @ApiProperty({ required: false, default: 1, minimum: 1, maximum: 100_000, description: 'JSON only' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiProperty({
    required: false,
    default: DEFAULT_PAGE_SIZE,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    description: 'JSON only',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = DEFAULT_PAGE_SIZE;
}
