import { createDataSource } from '@motcua/persistence';
import { OutboxEntry, outboxJobId } from '@motcua/queues';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { PrivateRedis, startPrivateRedis } from '../../../../test/support/private-redis';
import { testConfig, waitFor } from '../../../../test/support/test-config';
import { createRedis } from '../redis';
import { writeOutbox } from './outbox-writer';
import { consumeOutboxJob } from './outbox-consumer';
import { OutboxRelay } from './outbox-relay';
import { QueueRegistry } from '../queue-registry';

const QUEUE = 'it-effects';
const TOTAL = 1000;

describe('outbox relay (real Postgres + a private Redis: the suite flushes it)', () => {
  const config = testConfig();
  let redisServer: PrivateRedis;
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let registry: QueueRegistry;

  beforeAll(async () => {
    database = await createTestDatabase(config.DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 12 });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE it_effect (n int NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    redisServer = await startPrivateRedis();
    redis = createRedis(redisServer.url, 'it-outbox');
    registry = new QueueRegistry(redis, config.QUEUE_PREFIX);
  });

  afterAll(async () => {
    await registry.close();
    await redis.quit();
    await dataSource.destroy();
    await database.drop();
    await redisServer.stop();
  });

  async function writeRows(count: number, offset = 0): Promise<void> {
    for (let start = 0; start < count; start += 10) {
      await dataSource.transaction(async (manager) => {
        const entries: OutboxEntry[] = [];
        for (let n = start; n < Math.min(start + 10, count); n++) {
          entries.push({ queue: QUEUE, jobName: 'effect.v1', payload: { n: offset + n } });
        }
        await writeOutbox(manager, entries);
      });
    }
  }

  it('survives FLUSHALL while jobs are published but not consumed: every row processed exactly once in effect', async () => {
    await writeRows(TOTAL);
    const workerConnection = createRedis(redisServer.url, 'it-worker');
    let duplicates = 0;
    let processed = 0;
    const worker = new Worker(
      QUEUE,
      async (job: Job) => {
        // Slow consumer, so that a backlog of published-but-unconsumed jobs exists when Redis is flushed.
        await new Promise((resolve) => setTimeout(resolve, 3));
        const result = await consumeOutboxJob(dataSource, job, new Date(), async (manager) => {
          await manager.query('INSERT INTO it_effect (n) VALUES ($1)', [(job.data as { n: number }).n]);
        });
        if (result === 'duplicate') duplicates++;
        else processed++;
      },
      { connection: workerConnection, prefix: config.QUEUE_PREFIX, concurrency: 4 },
    );
    worker.on('error', () => undefined);
    const relay = new OutboxRelay(dataSource, registry, {
      batchSize: 100,
      pollIntervalMs: 20,
      republishAfterMs: 1500,
      now: () => new Date(),
    });
    relay.start();

    // Wait until some work is done and a backlog of published, unconsumed jobs sits in Redis.
    const backlog = await waitFor('a published-but-unconsumed backlog', async () => {
      const [row] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE consumed_at IS NOT NULL)::int AS consumed,
                count(*) FILTER (WHERE published_at IS NOT NULL AND consumed_at IS NULL)::int AS in_flight
         FROM outbox_message`,
      );
      return row.consumed >= 100 && row.in_flight >= 100 ? row : undefined;
    });
    const waitingBeforeFlush = await registry.get(QUEUE).getJobCounts('waiting', 'active');
    await redis.flushall();
    const waitingAfterFlush = await registry.get(QUEUE).getJobCounts('waiting', 'active');

    await waitFor(
      'every outbox row consumed',
      async () => {
        const [row] = await dataSource.query(
          'SELECT count(*)::int AS left FROM outbox_message WHERE consumed_at IS NULL',
        );
        return row.left === 0;
      },
      90000,
      100,
    );
    await relay.stop();
    await worker.close();
    await workerConnection.quit();

    // The flush really hit jobs that were published and not consumed.
    expect(backlog.in_flight).toBeGreaterThanOrEqual(100);
    expect(waitingBeforeFlush.waiting + waitingBeforeFlush.active).toBeGreaterThan(0);
    expect(waitingAfterFlush.waiting + waitingAfterFlush.active).toBe(0);
    // They were re-published from Postgres...
    const [republished] = await dataSource.query(
      'SELECT count(*)::int AS n FROM outbox_message WHERE publish_count > 1',
    );
    expect(republished.n).toBeGreaterThan(0);
    // ...and every row's effect happened exactly once.
    const [effects] = await dataSource.query(
      'SELECT count(*)::int AS total, count(DISTINCT n)::int AS distinct_n FROM it_effect',
    );
    expect(effects).toEqual({ total: TOTAL, distinct_n: TOTAL });
    expect(processed).toBe(TOTAL);
    // Duplicates (a job active during the flush and re-published) were recognised, not re-applied.
    expect(duplicates).toBeGreaterThanOrEqual(0);
    console.log(
      `outbox flush test: in flight at flush ${backlog.in_flight}, republished ${republished.n}, duplicates skipped ${duplicates}`,
    );
  });

  it('a duplicate delivery of the same job is recognised and changes nothing', async () => {
    await dataSource.query('TRUNCATE it_effect');
    await writeRows(1, 5000);
    const [{ id }] = await dataSource.query('SELECT max(id)::text AS id FROM outbox_message');
    const job = { id: outboxJobId(id), name: 'effect.v1' };
    const effect = (manager: import('typeorm').EntityManager) =>
      manager.query('INSERT INTO it_effect (n) VALUES (5000)');
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => consumeOutboxJob(dataSource, job, new Date(), effect)));
    expect(results.filter((result) => result === 'processed')).toHaveLength(1);
    expect(results.filter((result) => result === 'duplicate')).toHaveLength(4);
    const [effects] = await dataSource.query('SELECT count(*)::int AS n FROM it_effect');
    expect(effects.n).toBe(1);
  });

  it('publishes with no transaction open (claim, commit, then Redis); a failed publish leaves its rows for the next tick', async () => {
    await dataSource.query('UPDATE outbox_message SET consumed_at = now() WHERE consumed_at IS NULL');
    await writeRows(5, 7000);
    const openTransactions: number[] = [];
    let failNext = true;
    const watching = {
      get: (name: string) => {
        const queue = registry.get(name);
        return {
          addBulk: async (jobs: Parameters<typeof queue.addBulk>[0]) => {
            const [row] = await dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
               WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
            );
            openTransactions.push(row.n);
            if (failNext) {
              failNext = false;
              throw new Error('Redis is away');
            }
            return queue.addBulk(jobs);
          },
        };
      },
    } as unknown as QueueRegistry;
    const relay = new OutboxRelay(dataSource, watching, {
      batchSize: 100,
      pollIntervalMs: 20,
      republishAfterMs: 60000,
      now: () => new Date(),
    });
    await expect(relay.publishBatch()).rejects.toThrow(/Redis is away/);
    const [afterFailure] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished FROM outbox_message WHERE consumed_at IS NULL`,
    );
    expect(afterFailure.unpublished).toBe(5);
    expect(await relay.publishBatch()).toBe(5);
    const [afterRetry] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished, min(publish_count)::int AS publishes
       FROM outbox_message WHERE consumed_at IS NULL`,
    );
    expect(afterRetry).toEqual({ unpublished: 0, publishes: 2 });
    expect(openTransactions).toEqual([0, 0]);
    const waiting = await registry.get(QUEUE).getWaiting(0, 1000);
    expect(waiting.filter((job) => Number((job.data as { n: number }).n) >= 7000)).toHaveLength(5);
  });

  it('writes a row with a given dedupe key once, and refuses to write outside a transaction', async () => {
    const entry: OutboxEntry = { queue: QUEUE, jobName: 'effect.v1', payload: { n: 1 }, dedupeKey: 'business-key-1' };
    const first = await dataSource.transaction((manager) => writeOutbox(manager, [entry]));
    const second = await dataSource.transaction((manager) => writeOutbox(manager, [entry]));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    await expect(writeOutbox(dataSource.manager, [entry])).rejects.toThrow(/inside a transaction/);
  });
});
