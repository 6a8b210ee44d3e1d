import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CALENDAR_QUEUE } from '@motcua/queues';
import { CalendarProcessor } from './calendar.processor';
import { CalendarYearsScheduler } from './calendar-years.scheduler';
import { GenerateCalendarYearsUseCase } from './generate-calendar-years.use-case';
import { RecomputeAppointmentsUseCase } from './recompute-appointments.use-case';

/** Calendar maintenance in the workers: background recompute after edits, public holidays of the coming years. */
@Module({
  imports: [BullModule.registerQueue({ name: CALENDAR_QUEUE.name })],
  providers: [RecomputeAppointmentsUseCase, GenerateCalendarYearsUseCase, CalendarProcessor, CalendarYearsScheduler],
  exports: [GenerateCalendarYearsUseCase],
})
export class CalendarMaintenanceModule {}
