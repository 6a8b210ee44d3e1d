import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsIsoInstant, IsOptional } from '../../common/validation';

export class SetClockDto {
  @ApiProperty({ example: '2026-11-23T08:00:00+07:00', description: 'the instant every service should read as now' })
  @IsIsoInstant()
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
