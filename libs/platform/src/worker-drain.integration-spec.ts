import { WorkerHost } from '@nestjs/bullmq';
import type { DiscoveryService } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { createServer, request, Server } from 'node:http';
import { testConfig, waitFor } from '../../../test/support/test-config';
import { stopAcceptingHttp } from './graceful-shutdown';
import { redisOptionsFromUrl } from './redis';
import { drainWorker, QueueWorkerOwner, WorkerDrainService } from './worker-drain';

describe('drainWorker (graceful shutdown of queue workers)', () => {
  const config = testConfig();
  const connection = redisOptionsFromUrl(config.REDIS_URL);
  const prefix = `drain${randomBytes(4).toString('hex')}`;
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  /** A queue of its own per test, and workers on it. */
  const queueFor = (name: string) => {
    const queue = new Queue(name, { connection, prefix });
    queues.push(queue);
    const worker = (
      processor: (jobName: string) => Promise<void>,
      options: Partial<ConstructorParameters<typeof Worker>[2]> = {},
    ) => {
      const created = new Worker(name, (job) => processor(job.name), {
        connection,
        prefix,
        concurrency: 4,
        ...options,
      });
      workers.push(created);
      return created;
    };
    return { queue, worker };
  };

  afterAll(async () => {
    await Promise.all(workers.map((created) => created.close(true)));
    for (const queue of queues) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('lets active jobs finish, then takes no new job', async () => {
    const { queue, worker } = queueFor('drain-finish');
    const done: string[] = [];
    const first = worker(async (name) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      done.push(name);
    });
    await queue.add('short-1', {});
    await waitFor('the job to be active', async () => (await queue.getActiveCount()) === 1);
    expect(await drainWorker(first, 5000)).toBe(true);
    expect(done).toEqual(['short-1']);
    await queue.add('after-drain', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toEqual(['short-1']);
    expect(await queue.getWaitingCount()).toBe(1);
  });

  it('hands back a job that outlives the bound: the next worker gets it once its lock lapses', async () => {
    const { queue, worker } = queueFor('drain-hand-back');
    const stuck = worker(() => new Promise(() => undefined), { lockDuration: 1000, stalledInterval: 500 });
    await queue.add('long', {});
    await waitFor('the job to be active', async () => (await queue.getActiveCount()) === 1);
    expect(await drainWorker(stuck, 200)).toBe(false);
    const processed: string[] = [];
    worker(async (name) => void processed.push(name), { lockDuration: 1000, stalledInterval: 500 });
    await waitFor('the handed-back job to be processed again', async () => processed.includes('long'), 20000, 50);
  });
  it('WorkerDrainService drains the @Processor workers and the owned ones (per-agency) in one drain, under one bound', async () => {
    // Issue 17: the per-agency workers drained in their own beforeApplicationShutdown, after (Nest runs that hook
    // module by module) the @Processor drain: two bounds of 6 s in a row against a 10 s SHUTDOWN_TIMEOUT_MS.
    const events: string[] = [];
    const blocked = (name: string) => {
      const { queue, worker } = queueFor(name);
      const created = worker(() => new Promise(() => undefined), { lockDuration: 1000, stalledInterval: 500 });
      const pause = created.pause.bind(created);
      created.pause = async (doNotWaitActive?: boolean) => {
        events.push(`${name} drain started`);
        await pause(doNotWaitActive);
      };
      const close = created.close.bind(created);
      created.close = async (force?: boolean) => {
        events.push(`${name} closed`);
        await close(force);
      };
      return { queue, worker: created };
    };
    const hosted = blocked('drain-together-hosted');
    const owned = blocked('drain-together-owned');
    class HostedProcessor extends WorkerHost {
      async process(): Promise<void> {}
    }
    const host = Object.assign(new HostedProcessor(), { _worker: hosted.worker });
    const owner: QueueWorkerOwner = { queueWorkers: () => [owned.worker] };
    const discovery = { getProviders: () => [{ instance: host }, { instance: owner }, { instance: null }] };
    const service = new WorkerDrainService(
      discovery as unknown as DiscoveryService,
      {
        ...config,
        SHUTDOWN_TIMEOUT_MS: 500,
      } as typeof config,
    );
    expect(service.queueWorkers()).toEqual([hosted.worker, owned.worker]);
    await hosted.queue.add('stuck', {});
    await owned.queue.add('stuck', {});
    await waitFor('both jobs active', async () =>
      (await Promise.all([hosted.queue.getActiveCount(), owned.queue.getActiveCount()])).every((n) => n === 1),
    );
    await service.beforeApplicationShutdown();
    // Both drains began before either ended: one bound for the two, not two bounds in a row.
    expect(events.slice(0, 2).sort()).toEqual([
      'drain-together-hosted drain started',
      'drain-together-owned drain started',
    ]);
    expect(events.slice(2).sort()).toEqual(['drain-together-hosted closed', 'drain-together-owned closed']);
  });
});

describe('stopAcceptingHttp', () => {
  let server: Server;

  afterEach(() => server?.closeAllConnections());

  it('finishes the request in progress, turns new ones away, and closes', async () => {
    let release: (() => void) | undefined;
    server = createServer((_request, response) => {
      release = () => response.end('finished');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const get = () =>
      new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/', headers: { connection: 'keep-alive' } }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }),
          );
        })
          .on('error', reject)
          .end();
      });
    const inFlight = get();
    await waitFor('the request to be handled', async () => release !== undefined);
    const stopped = stopAcceptingHttp(server, 5000);
    const refused = get().catch((error: Error) => ({ status: 0, body: error.message }));
    release!();
    expect(await inFlight).toMatchObject({ status: 200, body: 'finished' });
    expect((await refused).status).not.toBe(200);
    expect(await stopped).toBe('drained');
    expect(server.listening).toBe(false);
  });

  it('cuts connections still open at the bound', async () => {
    let arrived = false;
    server = createServer(() => {
      arrived = true; // and never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const hanging = new Promise<string>((resolve) =>
      request({ host: '127.0.0.1', port, path: '/' }, () => resolve('answered'))
        .on('error', (error) => resolve(error.message))
        .end(),
    );
    await waitFor('the request to arrive', async () => arrived);
    expect(await stopAcceptingHttp(server, 200)).toBe('cut');
    expect(await hanging).toMatch(/socket hang up|ECONNRESET/);
  });
});
