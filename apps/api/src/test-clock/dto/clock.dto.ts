import { ApiProperty } from '@nestjs/swagger';

export class ClockDto {
  @ApiProperty()
  now: string;

  @ApiProperty()
  testClock: boolean;
}
