import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { CALENDAR_QUEUE, CalendarJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { GenerateCalendarYearsUseCase } from './generate-calendar-years.use-case';
import { RecomputeAppointmentsUseCase } from './recompute-appointments.use-case';

/** Calendar maintenance: background recompute after an edit, yearly generation of public holidays. */
@Processor(CALENDAR_QUEUE.name)
export class CalendarProcessor extends WorkerHost {
  constructor(
    @Inject(RecomputeAppointmentsUseCase) private readonly recompute: RecomputeAppointmentsUseCase,
    @Inject(GenerateCalendarYearsUseCase) private readonly years: GenerateCalendarYearsUseCase,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof CalendarJobs;
    switch (name) {
      case 'recompute.v1': {
        const payload = job.data as CalendarJobs['recompute.v1'];
        if (!payload || typeof payload.recomputeId !== 'string') {
          throw new UnrecoverableError('recompute.v1: malformed payload');
        }
        return this.recompute.run(job, payload.recomputeId);
      }
      case 'generate-years.v1':
        return this.years.generate();
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`calendar queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
