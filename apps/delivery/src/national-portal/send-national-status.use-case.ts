import { Inject, Injectable, Logger } from '@nestjs/common';
import { type NationalStatusPayload } from '@motcua/domain';
import { NATIONAL_PORTAL_ADAPTER, NationalPortalAdapter } from '@motcua/integrations';
import {
  markNationalMessageSent,
  nextUnsentNationalMessage,
  recordNationalMessageFailure,
  withSendLock,
} from '@motcua/persistence';
import { ClockService, consumeOutboxJob } from '@motcua/platform';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * Sends a dossier's unsent national status messages, oldest sequence first, under the dossier's send lock: a later
 * message never overtakes an earlier one, and a message marked sent is not sent again (the portal records each
 * message id once). A failure stops at that message; BullMQ retries with backoff.
 */
@Injectable()
export class SendNationalStatusUseCase {
  private readonly logger = new Logger('NationalPortalSync');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(NATIONAL_PORTAL_ADAPTER) private readonly portal: NationalPortalAdapter,
  ) {}

  async execute(job: Job, dossierId: string): Promise<number> {
    const manager = this.dataSource.manager;
    const sent = await withSendLock(this.dataSource, 'national-portal', dossierId, async () => {
      let count = 0;
      for (;;) {
        const message = await nextUnsentNationalMessage(manager, dossierId);
        if (!message) return count;
        try {
          await this.portal.sendStatus(message.payload as unknown as NationalStatusPayload);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          await recordNationalMessageFailure(manager, message.id, text);
          this.logger.warn(`national status message ${message.id}: attempt ${job.attemptsMade + 1} failed: ${text}`);
          throw error;
        }
        await markNationalMessageSent(manager, message.id, this.clock.now());
        count++;
      }
    });
    await consumeOutboxJob(this.dataSource, job, this.clock.now(), async () => undefined);
    return sent;
  }
}
