import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDate, IsOptional } from '../../common/validation';

export class CalendarRangeQueryDto {
  @ApiProperty({ required: false, example: '2026-01-01', format: 'date' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiProperty({ required: false, example: '2026-12-31', format: 'date' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
