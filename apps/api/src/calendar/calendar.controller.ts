import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { CalendarUseCase } from './calendar.use-case';
import { CalendarChangeDto, CalendarRecomputeDto } from './dto/calendar-change.dto';
import { CalendarDayDto } from './dto/calendar-day.dto';
import { CalendarRangeQueryDto } from './dto/calendar-range-query.dto';
import { SaveCalendarDayDto } from './dto/save-calendar-day.dto';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarUseCase) {}

  @Get('calendar/days')
  @Roles('admin', 'desk_officer', 'agency_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: 'Holidays and extra working days (weekdays without a row follow the office hours)' })
  @ApiOkResponse({ type: CalendarDayDto, isArray: true })
  list(@Query() query: CalendarRangeQueryDto): Promise<CalendarDayDto[]> {
    return this.calendar.list(query);
  }

  @Put('admin/calendar/days/:date')
  @Roles('admin')
  @ApiOperation({
    summary: "Add or change a day; open dossiers' appointments are recomputed in the background (summary + progress)",
  })
  @ApiOkResponse({ type: CalendarChangeDto })
  save(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Body() body: SaveCalendarDayDto,
  ): Promise<CalendarChangeDto> {
    return this.calendar.save(actor, date, body);
  }

  @Delete('admin/calendar/days/:date')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: "Remove a day; open dossiers' appointments are recomputed in the background (summary + progress)",
  })
  @ApiOkResponse({ type: CalendarChangeDto })
  remove(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<CalendarChangeDto> {
    return this.calendar.remove(actor, date);
  }

  @Get('admin/calendar/recomputes/:id')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Progress of the background recompute a calendar change queued' })
  @ApiOkResponse({ type: CalendarRecomputeDto })
  @ApiNotFoundResponse({ description: 'No such recompute' })
  recompute(@Param('id') id: string): Promise<CalendarRecomputeDto> {
    return this.calendar.recomputeProgress(id);
  }
}
