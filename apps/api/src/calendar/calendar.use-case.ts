import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  computeClockState,
  DomainError,
  DossierStatus,
  getRuleSet,
  parseLocalDate,
  WorkingCalendar,
} from '@motcua/domain';
import {
  appendDossierEvent,
  CalendarDayEntity,
  CalendarRepository,
  DossierRepository,
  loadClockEntries,
} from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { CalendarChangeDto, RecomputedAppointmentDto } from './dto/calendar-change.dto';
import { CalendarDayDto } from './dto/calendar-day.dto';
import { CalendarRangeQueryDto } from './dto/calendar-range-query.dto';
import { SaveCalendarDayDto } from './dto/save-calendar-day.dto';

/** Statuses whose overall clock runs towards the appointment (paused and final dossiers have nothing to move). */
const RUNNING_STATUSES: readonly DossierStatus[] = ['received', 'processing', 'awaiting-payment'];

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
 * The admin-maintained calendar (holidays, make-up working days). Every change recomputes, in the same
 * transaction, the appointment of open dossiers it affects and records why in each dossier's event chain.
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
      const recomputed = await this.recompute(manager, actor, date, change);
      return { day: CalendarDayDto.from(day), recomputed };
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
      return { day: null, recomputed: await this.recompute(manager, actor, date, change) };
    });
  }

  /** Recomputes every running dossier whose appointment is on or after the changed date. */
  private async recompute(
    manager: EntityManager,
    actor: Actor,
    date: string,
    change: string,
  ): Promise<RecomputedAppointmentDto[]> {
    // Validate the new table as a whole before touching dossiers (e.g. a working day with overlapping windows).
    let calendar: WorkingCalendar;
    try {
      calendar = await new CalendarRepository(manager).loadCalendar();
    } catch (error) {
      throw error instanceof DomainError
        ? new DomainError(error.code, `windows: ${error.message}`, 'invalid', { field: 'windows' })
        : error;
    }
    const now = this.clock.now();
    const dossiers = new DossierRepository(manager);
    const candidates = await dossiers.findOpenWithAppointmentFrom(calendar.instantAt(date), RUNNING_STATUSES);
    const recomputed: RecomputedAppointmentDto[] = [];
    for (const dossier of candidates) {
      const entries = await loadClockEntries(manager, dossier.id);
      if (entries.length === 0 || !dossier.appointmentAt) continue;
      const latest = Math.max(now.getTime(), ...entries.map((entry) => entry.at.getTime()));
      const state = computeClockState(entries, {
        budgetMinutes: dossier.legalTimeMinutes,
        calendar,
        supplementClock: getRuleSet(dossier.ruleSetId).supplementClock,
        now: new Date(latest),
      });
      const previous = new Date(dossier.appointmentAt);
      if (!state.deadline || state.deadline.getTime() === previous.getTime()) continue;
      if (!(await dossiers.updateIfVersion(dossier.id, dossier.version, { appointmentAt: state.deadline }))) {
        throw new DomainError(
          'calendar.concurrent-update',
          `Dossier ${dossier.code} changed meanwhile; retry the calendar change`,
          'conflict',
        );
      }
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'appointment-recomputed',
        payload: {
          previousAppointmentAt: previous.toISOString(),
          appointmentAt: state.deadline.toISOString(),
          calendarDate: date,
          reason: change,
        },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      this.logger.log(
        `${dossier.code}: appointment ${previous.toISOString()} → ${state.deadline.toISOString()} (${change})`,
      );
      recomputed.push({
        dossierId: dossier.id,
        code: dossier.code,
        previousAppointmentAt: previous.toISOString(),
        appointmentAt: state.deadline.toISOString(),
      });
    }
    this.logger.log(`${change}; ${recomputed.length} of ${candidates.length} open dossier(s) got a new appointment`);
    return recomputed;
  }
}
