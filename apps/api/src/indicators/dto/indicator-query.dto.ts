import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDate, IsOptional } from '../../common/validation';

/** A period of local dates and the dossiers to count: an agency subtree, a procedure or a field. */
export class IndicatorQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local date of the period (YYYY-MM-DD)' })
  @IsIsoDate()
  from: string;

  @ApiProperty({
    example: '2026-11-30',
    description: 'Last local date of the period, inclusive (at most 3 years after from)',
  })
  @IsIsoDate()
  to: string;

  @ApiPropertyOptional({ description: 'Count this agency and its subtree (inside your scope; default: your scope)' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ description: 'Only dossiers of this procedure' })
  @IsOptional()
  @IsUUID()
  procedureId?: string;

  @ApiPropertyOptional({ example: 'Hộ tịch', description: 'Only dossiers of procedures of this field (lĩnh vực)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  field?: string;
}
