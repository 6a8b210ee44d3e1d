import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { closedLoop, LoadResult } from './load';

/**
 * Same-run baselines on the machine's own engines, without the framework: what the hardware, Postgres, Redis and
 * BullMQ do on their own. Each returns a LoadResult (operations/s and latency) so the report can put a system
 * run's rate next to the floor it stands on.
 */
export interface BaselineContext {
  databaseUrl: string;
  redisUrl: string;
  /** BullMQ prefix of this bench run (its keys are removed at the end). */
  queuePrefix: string;
  concurrency: number;
  seconds: number;
}

/** Single-thread CPU: sha256 of 1 KiB, back to back (a calibration to compare runs across machines). */
export async function cpuCalibration(seconds: number): Promise<LoadResult> {
  const block = Buffer.alloc(1024, 7);
  return closedLoop(1, seconds, async () => {
    for (let index = 0; index < 1000; index++) createHash('sha256').update(block).digest();
  }).then((result) => ({ ...result, perSecond: result.perSecond * 1000, operations: result.operations * 1000 }));
}

export async function redisRoundTrips(context: BaselineContext, concurrency: number): Promise<LoadResult> {
  const redis = new IORedis(context.redisUrl);
  try {
    return await closedLoop(concurrency, context.seconds, () => redis.ping());
  } finally {
    redis.disconnect();
  }
}

export async function postgresRoundTrips(context: BaselineContext, concurrency: number): Promise<LoadResult> {
  const pool = new Pool({ connectionString: context.databaseUrl, max: concurrency });
  try {
    return await closedLoop(concurrency, context.seconds, () => pool.query('SELECT 1'));
  } finally {
    await pool.end();
  }
}

/** Scratch tables of the raw baselines (schema bench_raw, recreated by each run). */
export async function prepareRawTables(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS bench_raw CASCADE`);
    await pool.query(`CREATE SCHEMA bench_raw`);
    await pool.query(`CREATE TABLE bench_raw.step (id bigserial PRIMARY KEY, dossier_id uuid NOT NULL,
      status text NOT NULL, version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(`CREATE TABLE bench_raw.event (id bigserial PRIMARY KEY, dossier_id uuid NOT NULL,
      type text NOT NULL, payload jsonb NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(`CREATE TABLE bench_raw.outbox (id bigserial PRIMARY KEY, queue text NOT NULL,
      payload jsonb NOT NULL, published_at timestamptz)`);
  } finally {
    await pool.end();
  }
}

/** Plain inserts then plain updates by primary key (autocommit), `concurrency` connections. */
export async function rawInsertUpdate(context: BaselineContext): Promise<{ insert: LoadResult; update: LoadResult }> {
  const pool = new Pool({ connectionString: context.databaseUrl, max: context.concurrency });
  try {
    const insert = await closedLoop(context.concurrency, context.seconds, () =>
      pool.query(`INSERT INTO bench_raw.step (dossier_id, status) VALUES ($1, 'open')`, [randomUUID()]),
    );
    const { rows } = await pool.query(`SELECT max(id)::int AS max FROM bench_raw.step`);
    const max = Number(rows[0].max);
    const update = await closedLoop(context.concurrency, context.seconds, (_worker, index) =>
      pool.query(`UPDATE bench_raw.step SET status = 'claimed', version = version + 1 WHERE id = $1`, [
        (index % max) + 1,
      ]),
    );
    return { insert, update };
  } finally {
    await pool.end();
  }
}

/** BullMQ alone: bulk-add `jobs` no-op jobs, then drain them with one worker at concurrency 100. */
export async function bullmqNoop(
  context: BaselineContext,
  jobs: number,
): Promise<{ add: LoadResult; drain: LoadResult }> {
  const connection = new IORedis(context.redisUrl, { maxRetriesPerRequest: null });
  const name = `noop-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection, prefix: context.queuePrefix });
  try {
    const addStart = process.hrtime.bigint();
    for (let offset = 0; offset < jobs; offset += 1000) {
      const size = Math.min(1000, jobs - offset);
      await queue.addBulk(
        Array.from({ length: size }, (_, index) => ({
          name: 'noop',
          data: { n: offset + index },
          opts: { removeOnComplete: true },
        })),
      );
    }
    const addSeconds = Number(process.hrtime.bigint() - addStart) / 1e9;
    let done = 0;
    let resolveDrained: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (resolveDrained = resolve));
    const drainStart = process.hrtime.bigint();
    const worker = new Worker(
      name,
      async () => {
        if (++done === jobs) resolveDrained();
      },
      { connection: connection.duplicate(), prefix: context.queuePrefix, concurrency: 100 },
    );
    await drained;
    await worker.close();
    const drainSeconds = Number(process.hrtime.bigint() - drainStart) / 1e9;
    return { add: rateOnly(jobs, addSeconds), drain: rateOnly(jobs, drainSeconds) };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}

/**
 * The raw step pipeline with plain pg + BullMQ, no framework: BEGIN; UPDATE the step (optimistic version);
 * INSERT the event; INSERT the outbox row; COMMIT; enqueue the next job — while a worker consumes the jobs.
 */
export async function rawStepPipeline(context: BaselineContext): Promise<LoadResult> {
  const pool = new Pool({ connectionString: context.databaseUrl, max: context.concurrency });
  const connection = new IORedis(context.redisUrl, { maxRetriesPerRequest: null });
  const name = `pipeline-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection, prefix: context.queuePrefix });
  const worker = new Worker(name, async () => undefined, {
    connection: connection.duplicate(),
    prefix: context.queuePrefix,
    concurrency: 50,
  });
  try {
    const steps = 20000;
    await pool.query(
      `INSERT INTO bench_raw.step (dossier_id, status) SELECT gen_random_uuid(), 'open' FROM generate_series(1, $1)`,
      [steps],
    );
    const { rows } = await pool.query(`SELECT min(id)::bigint AS min FROM bench_raw.step WHERE status = 'open'`);
    const first = Number(rows[0].min);
    return await closedLoop(
      context.concurrency,
      context.seconds,
      async (_worker, index) => {
        const id = first + index;
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const updated = await client.query(
            `UPDATE bench_raw.step SET status = 'completed', version = version + 1, updated_at = now()
             WHERE id = $1 AND version = 1 RETURNING dossier_id`,
            [id],
          );
          const dossierId = updated.rows[0].dossier_id as string;
          const event = await client.query(
            `INSERT INTO bench_raw.event (dossier_id, type, payload) VALUES ($1, 'step-completed', $2) RETURNING id`,
            [dossierId, JSON.stringify({ stepId: id, outcome: 'approve' })],
          );
          await client.query(`INSERT INTO bench_raw.outbox (queue, payload) VALUES ($1, $2)`, [
            name,
            JSON.stringify({ dossierId, eventId: event.rows[0].id }),
          ]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        await queue.add('route', { stepId: id }, { jobId: `step-${id}`, removeOnComplete: true });
      },
      steps,
    );
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    await pool.end();
  }
}

function rateOnly(operations: number, seconds: number): LoadResult {
  return { operations, errors: 0, seconds, perSecond: operations / seconds, p50: NaN, p99: NaN, errorSamples: [] };
}
