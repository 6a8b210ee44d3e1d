import { INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { writeOutbox } from '@motcua/platform';
import { DELIVERY_QUEUE, NOTIFICATION_QUEUE, outboxJob, PAYMENT_QUEUE } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';
import { DataSource } from 'typeorm';
import { createDeliveryApplication } from '../../apps/delivery/src/bootstrap';
import { createPaymentApplication } from '../../apps/payment/src/bootstrap';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig, waitFor } from '../support/test-config';

/** Issue #9 "Apps": payment and delivery each boot alone (no workflow, no API) and consume their own queues. */
describe('worker apps run alone', () => {
  let database: TestDatabase;
  let config: MotcuaConfig;

  beforeAll(async () => {
    const base = testConfig();
    database = await createTestDatabase(base.DATABASE_URL);
    config = testConfig({ DATABASE_URL: database.url, QUEUE_PREFIX: base.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function canary(app: INestApplicationContext, queueName: string): Promise<unknown> {
    const queue = app.get(QueueRegistry).get(queueName);
    const job = await queue.add('canary.v1', { token: queueName }, { jobId: `canary-${queueName}` });
    await waitFor(`${queueName} canary consumed`, async () => (await job.getState()) === 'completed', 15000);
    return (await queue.getJob(job.id as string))?.returnvalue;
  }

  it('payment consumes the payment queue', async () => {
    const app = await createPaymentApplication(config);
    await app.init();
    try {
      expect(await canary(app, PAYMENT_QUEUE.name)).toEqual({ token: 'payment', service: 'payment' });
    } finally {
      await app.close();
    }
  });

  it('delivery consumes the delivery queue, and records notifications relayed from the outbox by itself', async () => {
    const app = await createDeliveryApplication(config);
    await app.init();
    try {
      expect(await canary(app, DELIVERY_QUEUE.name)).toEqual({ token: 'delivery', service: 'delivery' });
      const dataSource = app.get(DataSource);
      await dataSource.transaction((manager) =>
        writeOutbox(manager, [
          outboxJob(
            NOTIFICATION_QUEUE,
            'notify.v1',
            {
              kind: 'deadline.overdue',
              dossierId: null,
              recipients: [{ role: 'supervisor', agencyId: null }],
              sourceKey: 'worker-apps-alone',
              details: {},
            },
            { dedupeKey: 'worker-apps-alone' },
          ),
        ]),
      );
      await waitFor('notification recorded', async () => {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE source_key = $1`, [
          'worker-apps-alone',
        ]);
        return row.n === 1;
      });
    } finally {
      await app.close();
    }
  });
});
