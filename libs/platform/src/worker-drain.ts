import { Inject, Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { MotcuaConfig } from '@motcua/config';
import type { Worker } from 'bullmq';

/** Share of SHUTDOWN_TIMEOUT_MS that workers get to finish their active jobs before they are handed back. */
export const WORKER_DRAIN_SHARE = 0.6;

/**
 * Stops a worker taking jobs and lets its active jobs finish for at most `timeoutMs`; after that the worker is
 * closed by force and its unfinished jobs are handed back: their locks lapse and BullMQ's stalled-job check
 * returns them to the queue for the next worker (consumers are idempotent, and their uncommitted Postgres work
 * is rolled back). Returns whether every active job finished in time.
 */
export async function drainWorker(worker: Worker, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    worker.pause(false).then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  if (timer) clearTimeout(timer);
  await worker.close(!finished).catch(() => undefined);
  return finished;
}

/**
 * Drains every `@Processor` worker of the process before any `onApplicationShutdown` hook runs, so no job is
 * taken after SIGTERM and active jobs finish while Postgres and Redis are still open (their modules close
 * afterwards). Bounded by WORKER_DRAIN_SHARE of SHUTDOWN_TIMEOUT_MS.
 */
@Injectable()
export class WorkerDrainService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => {
        try {
          return host.worker;
        } catch {
          return undefined; // a host whose worker never started
        }
      })
      .filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) return;
    const timeoutMs = Math.round(this.config.SHUTDOWN_TIMEOUT_MS * WORKER_DRAIN_SHARE);
    const results = await Promise.all(workers.map((worker) => drainWorker(worker, timeoutMs)));
    const handedBack = workers.filter((_, index) => !results[index]).map((worker) => worker.name);
    if (handedBack.length > 0)
      this.logger.warn(
        `shutdown: active jobs of ${handedBack.join(', ')} not finished within ${timeoutMs} ms: handed back to the queue`,
      );
    else this.logger.log(`shutdown: ${workers.length} queue worker(s) drained`);
  }
}
