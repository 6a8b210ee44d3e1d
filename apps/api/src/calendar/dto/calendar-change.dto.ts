import { ApiProperty } from '@nestjs/swagger';
import type { CalendarRecompute } from '@motcua/persistence';
import { CalendarDayDto } from './calendar-day.dto';

/** Progress of the background recompute of open dossiers' appointments after a calendar edit. */
export class CalendarRecomputeDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The changed day: running dossiers due on or after it are recomputed' })
  calendarDate: string;
  @ApiProperty() change: string;
  @ApiProperty({ enum: ['queued', 'running', 'done'] }) status: CalendarRecompute['status'];
  @ApiProperty({ description: 'Running dossiers due on or after the day when the edit committed' })
  candidates: number;
  @ApiProperty({ description: 'Dossiers looked at so far' }) processed: number;
  @ApiProperty({ description: 'Appointments moved so far' }) updated: number;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ example: '/admin/calendar/recomputes/…', description: 'Where to follow the progress' })
  progressPath: string;

  static from(recompute: CalendarRecompute): CalendarRecomputeDto {
    return {
      id: recompute.id,
      calendarDate: recompute.calendarDate,
      change: recompute.change,
      status: recompute.status,
      candidates: recompute.candidates,
      processed: recompute.processed,
      updated: recompute.updated,
      requestedAt: recompute.requestedAt.toISOString(),
      finishedAt: recompute.finishedAt?.toISOString() ?? null,
      progressPath: `/admin/calendar/recomputes/${recompute.id}`,
    };
  }
}

export class CalendarChangeDto {
  @ApiProperty({ type: CalendarDayDto, nullable: true, description: 'the day after the change (null when deleted)' })
  day: CalendarDayDto | null;
  @ApiProperty({ type: CalendarRecomputeDto, description: 'the queued background recompute (a summary)' })
  recompute: CalendarRecomputeDto;
}
