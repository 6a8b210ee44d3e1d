import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarUseCase } from './calendar.use-case';

/** The legal working-time calendar (holidays and make-up working days). */
@Module({ controllers: [CalendarController], providers: [CalendarUseCase] })
export class CalendarModule {}
