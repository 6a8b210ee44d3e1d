import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  isApplicantOptedOut,
  lockApplicantNotification,
  markApplicantNotificationOptedOut,
  markApplicantNotificationSent,
  recordApplicantNotificationFailure,
} from '@motcua/persistence';
import { APPLICANT_CHANNELS, ApplicantChannel } from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import { consumeOutboxJob } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

export type SendOutcome = 'sent' | 'already-sent' | 'opted-out' | 'duplicate';

/**
 * Sends one recorded applicant notice. The notice row is locked while its channel sends, and marked sent in the same
 * transaction as the outbox row is consumed: a second delivery of the job (or a concurrent one) finds it sent. A
 * channel that is down throws: the attempt is counted, and BullMQ retries with exponential backoff (after the last
 * attempt the outbox relay publishes the unconsumed row again).
 */
@Injectable()
export class SendApplicantNotificationUseCase implements OnApplicationShutdown {
  private readonly logger = new Logger('ApplicantNotifications');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(APPLICANT_CHANNELS) private readonly channels: ApplicantChannel[],
  ) {}

  async execute(job: Job, notificationId: string): Promise<SendOutcome> {
    let outcome: SendOutcome = 'duplicate';
    try {
      const consumed = await consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
        const notice = await lockApplicantNotification(manager, notificationId);
        if (!notice) throw new UnrecoverableError(`applicant notification ${notificationId} does not exist`);
        if (notice.status !== 'pending') {
          outcome = notice.status === 'sent' ? 'already-sent' : 'opted-out';
          return;
        }
        if (await isApplicantOptedOut(manager, notice.channel, notice.recipient)) {
          await markApplicantNotificationOptedOut(manager, notice.id);
          outcome = 'opted-out';
          return;
        }
        const channel = this.channels.find((candidate) => candidate.name === notice.channel);
        if (!channel) throw new UnrecoverableError(`no applicant channel '${notice.channel}' configured`);
        const [dossier] = await manager.query(`SELECT code FROM dossier WHERE id = $1`, [notice.dossierId]);
        const sent = await channel.send({
          notificationId: notice.id,
          dossierCode: dossier?.code ?? '',
          to: notice.recipient,
          subject: notice.subject,
          text: notice.body,
        });
        await markApplicantNotificationSent(manager, notice.id, sent.messageId, this.clock.now());
        outcome = 'sent';
      });
      return consumed === 'duplicate' ? 'duplicate' : outcome;
    } catch (error) {
      if (!(error instanceof UnrecoverableError)) {
        const message = error instanceof Error ? error.message : String(error);
        await recordApplicantNotificationFailure(this.dataSource.manager, notificationId, message, this.clock.now());
        this.logger.warn(
          `applicant notification ${notificationId}: attempt ${job.attemptsMade + 1} failed: ${message}`,
        );
      }
      throw error;
    }
  }

  onApplicationShutdown(): void {
    for (const channel of this.channels) channel.close?.();
  }
}
