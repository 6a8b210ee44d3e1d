import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class TrackingRegisterQueryDto {
  @ApiPropertyOptional({ description: 'The agency whose register to print (default: your own); inside your scope' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ example: '2026-11-01', description: 'First local date of the period (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last local date of the period, inclusive (same year: one book)' })
  @IsISO8601({ strict: true })
  to: string;
}
