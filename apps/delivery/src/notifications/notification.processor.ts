import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { recordNotifications } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { NOTIFICATION_QUEUE, NotificationJobs } from '@motcua/queues';
import { consumeOutboxJob } from '@motcua/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SendNationalStatusUseCase } from '../national-portal/send-national-status.use-case';
import { SendApplicantNotificationUseCase } from './send-applicant-notification.use-case';

/** Records staff notifications (one row per recipient) and sends applicant notices (e-mail, SMS). */
@Processor(NOTIFICATION_QUEUE.name)
export class NotificationProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(SendApplicantNotificationUseCase) private readonly applicantNotices: SendApplicantNotificationUseCase,
    @Inject(SendNationalStatusUseCase) private readonly nationalStatus: SendNationalStatusUseCase,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof NotificationJobs;
    switch (name) {
      case 'notify.v1': {
        const payload = job.data as NotificationJobs['notify.v1'];
        if (!payload || typeof payload.sourceKey !== 'string' || !Array.isArray(payload.recipients)) {
          throw new UnrecoverableError(`notify.v1: malformed payload`);
        }
        return consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
          await recordNotifications(manager, payload);
        });
      }
      case 'applicant-notification.send.v1': {
        const payload = job.data as NotificationJobs['applicant-notification.send.v1'];
        if (!payload || typeof payload.notificationId !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.notificationId)) {
          throw new UnrecoverableError(`applicant-notification.send.v1: malformed payload`);
        }
        return this.applicantNotices.execute(job, payload.notificationId);
      }
      case 'national-portal.send.v1': {
        const payload = job.data as NotificationJobs['national-portal.send.v1'];
        if (!payload || typeof payload.dossierId !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.dossierId)) {
          throw new UnrecoverableError(`national-portal.send.v1: malformed payload`);
        }
        return this.nationalStatus.execute(job, payload.dossierId);
      }
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`notification queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
