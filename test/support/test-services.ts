import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { MailboxSmtpServer } from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import { QueueRegistry } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createDeliveryApplication } from '../../apps/delivery/src/bootstrap';
import { createPaymentApplication } from '../../apps/payment/src/bootstrap';
import { createWorkflowApplication } from '../../apps/workflow/src/bootstrap';
import { createTestDatabase, TestDatabase } from './database';
import { pendingWorkOfEndedDossiers } from './integrity';
import { installResponseScanner, ResponseScanner } from './response-scanner';
import { testConfig, waitFor } from './test-config';

export interface TestServices {
  config: MotcuaConfig;
  database: TestDatabase;
  api: INestApplication;
  workflow: INestApplicationContext;
  payment: INestApplicationContext;
  delivery: INestApplicationContext;
  dataSource: DataSource;
  /** The embedded SMTP server applicant e-mails go to (its messages under `config.MAILBOX_DIR`); stop/start it at will. */
  mailbox: MailboxSmtpServer;
  /** Every response the API sent in this suite; `close()` fails the suite if any carried a secret. */
  responses: ResponseScanner;
  /** Waits until every outbox row is consumed and no queue has waiting, active or delayed-due jobs. */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the API and the worker services (workflow, payment, delivery) in this process against a fresh copy of the migrated database
 * and a private queue prefix: the end-to-end harness (requests go over real HTTP via supertest).
 */
export async function startTestServices(overrides: Record<string, string> = {}): Promise<TestServices> {
  const base = testConfig();
  const database = await createTestDatabase(base.DATABASE_URL);
  // The embedded SMTP server (issue 14), as `npm run up` starts it, on a free loopback port of this suite.
  const mailbox = new MailboxSmtpServer(base.MAILBOX_DIR);
  const mailPort = await mailbox.start(0);
  const config = testConfig({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: base.QUEUE_PREFIX,
    MAILBOX_DIR: base.MAILBOX_DIR,
    MAIL_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
    ...overrides,
  });
  const workflow = await createWorkflowApplication(config);
  await workflow.init();
  const payment = await createPaymentApplication(config);
  await payment.init();
  const delivery = await createDeliveryApplication(config);
  await delivery.init();
  const { app: api } = await createApiApplication(config);
  await api.init();
  // A fixed port when the suite needs the API's own URL (e.g. the embedded payment sandbox calling the IPN).
  await api.listen(overrides.HTTP_PORT ? config.HTTP_PORT : 0, '127.0.0.1');
  // Issue #4: no response of any e2e suite may carry a password hash or a stored secret hash.
  const responses = installResponseScanner(api);
  const dataSource = api.get(DataSource);
  const queues = workflow.get(QueueRegistry);
  const clock = api.get(ClockService);

  return {
    config,
    database,
    api,
    workflow,
    payment,
    delivery,
    dataSource,
    mailbox,
    responses,
    async waitUntilIdle(timeoutMs = 30000) {
      const pendingRows = async () => {
        // Due by the shared (possibly test) clock, not the database's real time.
        await clock.refresh();
        return (await dataSource.query(
          `SELECT queue, job_name, count(*)::int AS n, min(deliver_at) AS first_due, bool_or(published_at IS NULL) AS unpublished
           FROM outbox_message WHERE consumed_at IS NULL AND (deliver_at IS NULL OR deliver_at <= $1)
           GROUP BY queue, job_name`,
          [clock.now()],
        )) as Array<{ queue: string; job_name: string; n: number }>;
      };
      try {
        await waitFor(
          'queues to go idle',
          async () => {
            if ((await pendingRows()).length > 0) return false;
            for (const name of queues.names()) {
              const counts = await queues.get(name).getJobCounts('waiting', 'active', 'prioritized');
              if (counts.waiting + counts.active + counts.prioritized > 0) return false;
            }
            return true;
          },
          timeoutMs,
        );
      } catch (error) {
        const busy: Array<Record<string, string | number>> = await Promise.all(
          queues.names().map(async (name) => ({
            name,
            ...(await queues.get(name).getJobCounts('waiting', 'active', 'prioritized')),
          })),
        );
        throw new Error(
          `${(error as Error).message}; unconsumed outbox rows: ${JSON.stringify(await pendingRows())}; queues: ${JSON.stringify(busy.filter((queue) => Number(queue.waiting) + Number(queue.active) + Number(queue.prioritized) > 0))}`,
        );
      }
    },
    async close() {
      const leaks = await responses.leaks(dataSource).catch(() => []);
      // Issue #10: once the suite is over (queues idle), no ended dossier may still have a pending step or timer.
      const endedButPending = await waitUntilIdleQuietly(this as TestServices)
        .then(() => pendingWorkOfEndedDossiers(dataSource))
        .catch(() => []);
      await api.close();
      await workflow.close();
      await payment.close();
      await delivery.close();
      await mailbox.stop();
      await database.drop();
      if (leaks.length > 0) throw new Error(`responses leaked secrets: ${JSON.stringify(leaks.slice(0, 10))}`);
      if (endedButPending.length > 0)
        throw new Error(`ended dossiers still have pending work: ${JSON.stringify(endedButPending.slice(0, 10))}`);
    },
  };
}

/** Teardown waits for the queues as far as it can: a suite that left work running still gets its integrity check. */
async function waitUntilIdleQuietly(services: Pick<TestServices, 'waitUntilIdle'>): Promise<void> {
  await services.waitUntilIdle(15000).catch(() => undefined);
}
