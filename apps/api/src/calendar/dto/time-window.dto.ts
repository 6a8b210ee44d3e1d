import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class TimeWindowDto {
  @ApiProperty({ example: '07:30' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '$property must be a local time HH:mm' })
  start: string;

  @ApiProperty({ example: '11:30' })
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: '$property must be a local time HH:mm' })
  end: string;
}
