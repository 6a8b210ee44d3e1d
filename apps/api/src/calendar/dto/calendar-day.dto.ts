import { ApiProperty } from '@nestjs/swagger';
import type { CalendarDayEntity } from '@motcua/persistence';

export class CalendarDayDto {
  @ApiProperty({ example: '2026-09-01' }) date: string;
  @ApiProperty({ enum: ['holiday', 'working'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true }) windows: Array<{ start: string; end: string }> | null;
  @ApiProperty() source: string;

  static from(day: CalendarDayEntity): CalendarDayDto {
    return { date: day.date, kind: day.kind, name: day.name, windows: day.windows, source: day.source };
  }
}
