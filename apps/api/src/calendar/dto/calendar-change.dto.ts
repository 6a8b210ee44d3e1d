import { ApiProperty } from '@nestjs/swagger';
import { CalendarDayDto } from './calendar-day.dto';

export class RecomputedAppointmentDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() code: string;
  @ApiProperty() previousAppointmentAt: string;
  @ApiProperty() appointmentAt: string;
}

export class CalendarChangeDto {
  @ApiProperty({ type: CalendarDayDto, nullable: true, description: 'the day after the change (null when deleted)' })
  day: CalendarDayDto | null;
  @ApiProperty({ type: [RecomputedAppointmentDto] }) recomputed: RecomputedAppointmentDto[];
}
