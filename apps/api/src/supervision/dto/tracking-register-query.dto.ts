import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsIsoDate, IsOptional } from '../../common/validation';

export class TrackingRegisterQueryDto {
  @ApiPropertyOptional({ description: 'The agency whose register to print (default: your own); inside your scope' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ example: '2026-11-01', description: 'First local date of the period (YYYY-MM-DD)' })
  @IsIsoDate()
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last local date of the period, inclusive (same year: one book)' })
  @IsIsoDate()
  to: string;
}
