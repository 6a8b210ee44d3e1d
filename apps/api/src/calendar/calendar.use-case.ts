import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, parseLocalDate, RUNNING_CLOCK_DOSSIER_STATUSES, WorkingCalendar } from '@motcua/domain';
import {
  CalendarDayEntity,
  CalendarRepository,
  countRecomputeCandidates,
  findCalendarRecompute,
  insertCalendarRecompute,
} from '@motcua/persistence';
import { CALENDAR_QUEUE, outboxJob } from '@motcua/queues';
import { ClockService, writeOutbox } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { CalendarChangeDto, CalendarRecomputeDto } from './dto/calendar-change.dto';
import { CalendarDayDto } from './dto/calendar-day.dto';
import { CalendarRangeQueryDto } from './dto/calendar-range-query.dto';
import { SaveCalendarDayDto } from './dto/save-calendar-day.dto';

function checkDate(date: string): string {
  try {
    parseLocalDate(date);
  } catch {
    throw new DomainError('calendar.invalid-date', `date: "${date}" is not a date YYYY-MM-DD`, 'invalid', {
      field: 'date',
    });
  }
  return date;
}

/**
 * The admin-maintained calendar (holidays, make-up working days). Every change queues, in the same transaction, the
 * background recompute of the open dossiers it affects (each moved appointment gets an event saying why).
 */
@Injectable()
export class CalendarUseCase {
  private readonly logger = new Logger('Calendar');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async list(query: CalendarRangeQueryDto): Promise<CalendarDayDto[]> {
    const days = await new CalendarRepository(this.dataSource.manager).listDays(query);
    return days.map(CalendarDayDto.from);
  }

  async save(actor: Actor, date: string, dto: SaveCalendarDayDto): Promise<CalendarChangeDto> {
    checkDate(date);
    if (dto.kind === 'holiday' && dto.windows) {
      throw new DomainError('calendar.invalid', 'windows: a holiday has no office windows', 'invalid', {
        field: 'windows',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const calendars = new CalendarRepository(manager);
      await calendars.lockForEditing();
      const before = await calendars.findDay(date);
      const day = await calendars.saveDay({
        date,
        kind: dto.kind,
        name: dto.name,
        windows: dto.windows ?? null,
        source: 'admin',
        updatedBy: actor.userId,
      });
      const change = before
        ? `calendar day ${date} changed from ${before.kind} '${before.name}' to ${day.kind} '${day.name}'`
        : `calendar day ${date} added as ${day.kind} '${day.name}'`;
      return { day: CalendarDayDto.from(day), recompute: await this.queueRecompute(manager, actor, date, change) };
    });
  }

  async remove(actor: Actor, date: string): Promise<CalendarChangeDto> {
    checkDate(date);
    return this.dataSource.transaction(async (manager) => {
      const calendars = new CalendarRepository(manager);
      await calendars.lockForEditing();
      const deleted: CalendarDayEntity | null = await calendars.deleteDay(date);
      if (!deleted) throw new DomainError('calendar.day-not-found', `No calendar entry for ${date}`, 'not-found');
      const change = `calendar day ${date} (${deleted.kind} '${deleted.name}') removed: it follows the weekly office hours again`;
      return { day: null, recompute: await this.queueRecompute(manager, actor, date, change) };
    });
  }

  /** Progress of a background recompute. */
  async recomputeProgress(id: string): Promise<CalendarRecomputeDto> {
    const notFound = new DomainError('calendar.recompute-not-found', `Calendar recompute ${id} not found`, 'not-found');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound;
    const recompute = await findCalendarRecompute(this.dataSource.manager, id);
    if (!recompute) throw notFound;
    return CalendarRecomputeDto.from(recompute);
  }

  /**
   * Queues the recompute of every running dossier whose appointment is on or after the changed date, in the edit's
   * transaction (still under the exclusive calendar lock): the `calendar_recompute` row and its outbox job commit
   * with the day, so no open dossier is missed (intakes after the commit compute on the new calendar; the job walks
   * every dossier due on or after the day). The answer is a summary; progress at `/admin/calendar/recomputes/{id}`.
   */
  private async queueRecompute(
    manager: EntityManager,
    actor: Actor,
    date: string,
    change: string,
  ): Promise<CalendarRecomputeDto> {
    // Validate the new table as a whole before queuing (e.g. a working day with overlapping windows).
    let calendar: WorkingCalendar;
    try {
      calendar = await new CalendarRepository(manager).loadCalendar();
    } catch (error) {
      throw error instanceof DomainError
        ? new DomainError(error.code, `windows: ${error.message}`, 'invalid', { field: 'windows' })
        : error;
    }
    const now = this.clock.now();
    const recompute = await insertCalendarRecompute(manager, {
      calendarDate: date,
      change,
      actorUserId: actor.userId,
      actorAgencyId: actor.agencyId,
      candidates: await countRecomputeCandidates(manager, calendar.instantAt(date), RUNNING_CLOCK_DOSSIER_STATUSES),
      requestedAt: now,
    });
    await writeOutbox(manager, [
      outboxJob(
        CALENDAR_QUEUE,
        'recompute.v1',
        { recomputeId: recompute.id },
        { dedupeKey: `calendar-recompute-${recompute.id}` },
      ),
    ]);
    this.logger.log(`${change}; recompute ${recompute.id} queued for ${recompute.candidates} open dossier(s)`);
    return CalendarRecomputeDto.from(recompute);
  }
}
