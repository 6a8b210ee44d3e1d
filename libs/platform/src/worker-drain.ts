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
 * A provider that owns queue workers outside `@Processor` (dynamic queues, such as one worker per agency). The
 * drain below takes its workers with the `@Processor` ones, under the same bound; the provider stops opening new
 * workers in its `onModuleDestroy` (which runs before any `beforeApplicationShutdown`).
 */
export interface QueueWorkerOwner {
  queueWorkers(): Worker[];
}

const ownsQueueWorkers = (instance: unknown): instance is QueueWorkerOwner =>
  typeof (instance as Partial<QueueWorkerOwner> | null)?.queueWorkers === 'function';

/**
 * Drains every queue worker of the application (`@Processor` workers and those of QueueWorkerOwner providers) at
 * once, before any `onApplicationShutdown` hook runs, so no job is taken after SIGTERM and active jobs finish while
 * Postgres and Redis are still open (their modules close afterwards). One drain with one bound, WORKER_DRAIN_SHARE of
 * SHUTDOWN_TIMEOUT_MS: Nest runs `beforeApplicationShutdown` module after module, so two drains in two modules
 * would add up their bounds and overrun SHUTDOWN_TIMEOUT_MS (issue 17: a worker drained in 10.8 s against 10 s).
 */
@Injectable()
export class WorkerDrainService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {}

  /** Every queue worker of this application. */
  queueWorkers(): Worker[] {
    const instances = this.discovery.getProviders().map((wrapper) => wrapper.instance as unknown);
    const hosted = instances
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => {
        try {
          return host.worker;
        } catch {
          return undefined; // a host whose worker never started
        }
      });
    const owned = instances
      .filter((instance) => instance !== this && ownsQueueWorkers(instance))
      .flatMap((owner) => (owner as QueueWorkerOwner).queueWorkers());
    return [...hosted, ...owned].filter((worker): worker is Worker => worker !== undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.queueWorkers();
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
