import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { VIETNAM_TIME_ZONE } from '@motcua/domain';
import { CALENDAR_QUEUE } from '@motcua/queues';
import { GenerateCalendarYearsUseCase } from './generate-calendar-years.use-case';
import { QueueRegistry } from '@motcua/platform';

/** Id of the yearly holiday generation (BullMQ job scheduler). */
export const CALENDAR_YEARS_SCHEDULER_ID = 'calendar-years';

/**
 * Generates the coming years' public holidays at boot (so a fresh installation or a long-stopped one is covered
 * before it takes work) and on the 1st of January and of July every year (a repeatable job, one worker of the fleet
 * per run; the second run repairs a missed first one). `/health/ready` reports any deadline year still uncovered.
 */
@Injectable()
export class CalendarYearsScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('CalendarYears');

  constructor(
    @Inject(GenerateCalendarYearsUseCase) private readonly years: GenerateCalendarYearsUseCase,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
  ) {}

  /**
   * Before any application-bootstrap hook: the deadline sweeper starts reconciling there, so the calendar it first
   * stamps already holds the generated years (generating later would make it re-arm every armed clock once more).
   */
  async onModuleInit(): Promise<void> {
    await this.years.generate().catch((error) => this.logger.warn(`holiday generation at boot failed: ${error}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queues
      .get(CALENDAR_QUEUE.name)
      .upsertJobScheduler(
        CALENDAR_YEARS_SCHEDULER_ID,
        { pattern: '0 1 1 1,7 *', tz: VIETNAM_TIME_ZONE },
        {
          name: 'generate-years.v1',
          data: { reason: 'schedule' },
          opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
        },
      )
      .catch((error) => this.logger.warn(`cannot schedule the holiday generation: ${error}`));
  }
}
