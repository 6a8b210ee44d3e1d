import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  calendarYearsToGenerate,
  ruleSetInForce,
  RUNNING_CLOCK_DOSSIER_STATUSES,
  seedHolidaysByRule,
} from '@motcua/domain';
import {
  CalendarRepository,
  countRecomputeCandidates,
  insertCalendarRecompute,
  listGeneratedCalendarYears,
  recordGeneratedCalendarYear,
} from '@motcua/persistence';
import { ClockService, writeOutbox } from '@motcua/platform';
import { CALENDAR_QUEUE, outboxJob } from '@motcua/queues';
import { DataSource } from 'typeorm';

export interface GeneratedYear {
  year: number;
  daysAdded: number;
  recomputeId: string | null;
}

/**
 * Public holidays for the current year and the next two (Labour Code 2019 Art. 112 with Vietnamese lunar dates,
 * UTC+7, `seedHolidaysByRule` of the rule set in force), generated as ordinary `calendar_day` rows that admins edit
 * (source `seed:<rule>`). A year is generated once (`calendar_year`): rows an admin changed or deleted are never
 * overwritten or brought back, and days that already have a row are left alone. Under the calendar edit lock, like
 * an admin edit; open dossiers whose appointment falls in a newly generated year are recomputed in the background.
 */
@Injectable()
export class GenerateCalendarYearsUseCase {
  private readonly logger = new Logger('CalendarYears');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async generate(): Promise<GeneratedYear[]> {
    const now = this.clock.now();
    const missing = calendarYearsToGenerate(now, await listGeneratedCalendarYears(this.dataSource.manager));
    const generated: GeneratedYear[] = [];
    for (const year of missing) {
      const result = await this.dataSource.transaction(async (manager) => {
        const calendars = new CalendarRepository(manager);
        await calendars.lockForEditing();
        const ruleId = ruleSetInForce(now).calendarHolidayRuleId;
        const days = seedHolidaysByRule(ruleId, [year]);
        const daysAdded = await calendars.insertMissingDays(
          days.map((day) => ({ date: day.date, kind: day.kind, name: day.name, source: `seed:${ruleId}` })),
        );
        if (!(await recordGeneratedCalendarYear(manager, year, ruleId, daysAdded, now))) return null;
        const calendar = await calendars.loadCalendar();
        const from = calendar.instantAt(`${year}-01-01`);
        let recomputeId: string | null = null;
        if (daysAdded > 0 && (await countRecomputeCandidates(manager, from, RUNNING_CLOCK_DOSSIER_STATUSES)) > 0) {
          const recompute = await insertCalendarRecompute(manager, {
            calendarDate: `${year}-01-01`,
            change: `public holidays of ${year} generated (${ruleId}, ${daysAdded} day(s))`,
            actorUserId: null,
            actorAgencyId: null,
            candidates: await countRecomputeCandidates(manager, from, RUNNING_CLOCK_DOSSIER_STATUSES),
            requestedAt: now,
          });
          recomputeId = recompute.id;
          await writeOutbox(manager, [
            outboxJob(
              CALENDAR_QUEUE,
              'recompute.v1',
              { recomputeId },
              { dedupeKey: `calendar-recompute-${recomputeId}` },
            ),
          ]);
        }
        return { year, daysAdded, recomputeId };
      });
      if (result) {
        generated.push(result);
        this.logger.log(`public holidays of ${year}: ${result.daysAdded} day(s) added`);
      }
    }
    return generated;
  }
}
