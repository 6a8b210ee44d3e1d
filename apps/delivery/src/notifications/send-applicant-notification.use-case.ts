import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  beginApplicantNotificationSend,
  findApplicantNotification,
  isApplicantOptedOut,
  markApplicantNotificationOptedOut,
  markApplicantNotificationSent,
  recordApplicantNotificationFailure,
  withSendLock,
} from '@motcua/persistence';
import { MotcuaConfig } from '@motcua/config';
import { APPLICANT_CHANNELS, ApplicantChannel, NotDeliveredError } from '@motcua/integrations';
import { ClockService, consumeOutboxJob } from '@motcua/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

export type SendOutcome = 'sent' | 'already-sent' | 'opted-out';

/** After a send, how long a failing database is waited for before the job fails (and its retry sends again). */
const RECORD_ATTEMPTS = 30;
const RECORD_RETRY_MS = 1000;

/**
 * Sends one recorded applicant notice. One sender per notice at a time (advisory lock); a notice found sent is not
 * sent again (a second delivery of the job, a republished outbox row); the send is marked in the same transaction
 * that consumes the outbox row. A channel that is down throws: the attempt is counted and BullMQ retries with
 * exponential backoff (after the last attempt the outbox relay publishes the unconsumed row again).
 *
 * Exactly once is impossible over SMTP: a sender that dies between the server's "250 accepted" and the commit that
 * records it cannot learn, after restarting, whether the message arrived. The design (issue 17) is at-least-once with
 * an idempotency key and a narrow, recorded window:
 * - every attempt is committed (`sending_since`) before the SMTP call; an attempt that finds an earlier one still in
 *   doubt is counted (`resends_in_doubt`) — it is the only case that may send a message twice;
 * - the resend carries the same Message-ID (the notice id), which the receiving mailbox honours as the idempotency key
 *   (the embedded mailbox, like Gmail, collapses a redelivered Message-ID and logs the redelivery);
 * - the window is the SMTP round trip plus one short commit: when the database fails right after the send (restart,
 *   crash), recording it is retried here for up to 30 s instead of failing the job;
 * - a failure the channel knows to be final (refused, no connection: {@link NotDeliveredError}) ends the attempt
 *   without doubt.
 * The fault checker counts e-mails per Message-ID and allows raw redeliveries only up to `resends_in_doubt`.
 */
@Injectable()
export class SendApplicantNotificationUseCase implements OnApplicationShutdown {
  private readonly logger = new Logger('ApplicantNotifications');
  /** The fault suite's crash window (FAULT_CRASH_AFTER_SEND, refused in production). */
  private crashAfterSend = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(APPLICANT_CHANNELS) private readonly channels: ApplicantChannel[],
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {
    if (config.FAULT_CRASH_AFTER_SEND === 'applicant-notification') this.crashAfterSend = true;
    if (config.FAULT_CRASH_AFTER_SEND === 'applicant-notification-on-sigusr2')
      process.on('SIGUSR2', () => (this.crashAfterSend = true));
  }

  execute(job: Job, notificationId: string): Promise<SendOutcome> {
    return withSendLock(this.dataSource, 'applicant-notification', notificationId, async () => {
      const manager = this.dataSource.manager;
      const notice = await findApplicantNotification(manager, notificationId);
      if (!notice) throw new UnrecoverableError(`applicant notification ${notificationId} does not exist`);
      let outcome: SendOutcome;
      let messageId: string | undefined;
      // The idempotency guard; the fault suite's broken-consumer test (and only it) switches it off.
      const guarded = this.config.FAULT_SKIP_IDEMPOTENCY_GUARD !== 'applicant-notification';
      if (notice.status === 'sent' && guarded) outcome = 'already-sent';
      else if (notice.status === 'opted-out' || (await isApplicantOptedOut(manager, notice.channel, notice.recipient)))
        outcome = 'opted-out';
      else {
        const channel = this.channels.find((candidate) => candidate.name === notice.channel);
        if (!channel) throw new UnrecoverableError(`no applicant channel '${notice.channel}' configured`);
        const [dossier] = await manager.query(`SELECT code FROM dossier WHERE id = $1`, [notice.dossierId]);
        const { inDoubt } = await beginApplicantNotificationSend(manager, notice.id, this.clock.now());
        if (inDoubt)
          this.logger.warn(
            `applicant notification ${notice.id}: an earlier attempt is in doubt, resending (same Message-ID)`,
          );
        try {
          ({ messageId } = await channel.send({
            notificationId: notice.id,
            dossierCode: dossier?.code ?? '',
            to: notice.recipient,
            subject: notice.subject,
            text: notice.body,
          }));
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          await recordApplicantNotificationFailure(manager, notice.id, text, this.clock.now(), {
            surelyNotDelivered: error instanceof NotDeliveredError,
          });
          this.logger.warn(`applicant notification ${notice.id}: attempt ${job.attemptsMade + 1} failed: ${text}`);
          throw error;
        }
        outcome = 'sent';
        // The fault suite's crash window (refused in production): killed after the mail server's accept, before the
        // commit. Only an e-mail arms it: the suite checks the resend in the mailbox, which an SMS never reaches.
        if (this.crashAfterSend && channel.name === 'email') process.kill(process.pid, 'SIGKILL');
      }
      const record = () =>
        consumeOutboxJob(this.dataSource, job, this.clock.now(), async (transaction) => {
          if (outcome === 'sent')
            await markApplicantNotificationSent(transaction, notice.id, messageId!, this.clock.now());
          if (outcome === 'opted-out') await markApplicantNotificationOptedOut(transaction, notice.id);
        });
      for (let attempt = 1; ; attempt++) {
        try {
          await record();
          break;
        } catch (error) {
          if (outcome !== 'sent' || attempt >= RECORD_ATTEMPTS) throw error;
          this.logger.warn(
            `applicant notification ${notice.id} sent, recording it failed (retrying): ${String(error)}`,
          );
          await new Promise((resolve) => setTimeout(resolve, RECORD_RETRY_MS));
        }
      }
      return outcome;
    });
  }

  onApplicationShutdown(): void {
    for (const channel of this.channels) channel.close?.();
  }
}
