import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class SetClockDto {
  @ApiProperty({ example: '2026-11-23T08:00:00+07:00', description: 'the instant every service should read as now' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({
    required: false,
    default: false,
    description: 'stop time at that instant (otherwise it keeps ticking)',
  })
  @IsOptional()
  @IsBoolean()
  frozen?: boolean;
}
