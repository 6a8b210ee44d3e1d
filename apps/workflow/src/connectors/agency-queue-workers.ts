import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { BULL_CONNECTION, QueueWorkerOwner } from '@motcua/platform';
import { agencyQueueName } from '@motcua/queues';
import { ConnectionOptions, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AgencyStepProcessor } from './agency-step.processor';

/**
 * One BullMQ worker per agency queue (`agency.<identifier>`), opened for every agency in the table and
 * refreshed periodically for new ones. Queues are dynamic, so `@Processor` (a static name) does not fit. On
 * shutdown the platform's WorkerDrainService drains them with the `@Processor` workers, under one bound.
 */
@Injectable()
export class AgencyQueueWorkers implements OnApplicationBootstrap, OnModuleDestroy, QueueWorkerOwner {
  private readonly logger = new Logger(AgencyQueueWorkers.name);
  private readonly workers = new Map<string, Worker>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AgencyStepProcessor) private readonly processor: AgencyStepProcessor,
    @Inject(BULL_CONNECTION) private readonly connection: ConnectionOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () => void this.refresh().catch((error) => this.logger.error(String(error))),
      this.config.AGENCY_QUEUE_REFRESH_MS,
    );
    this.timer.unref();
  }

  /** Opens workers for agencies that have none yet; returns the queue names served. */
  async refresh(): Promise<string[]> {
    if (this.stopped) return [];
    const agencies: Array<{ identifier: string }> = await this.dataSource.query(
      `SELECT identifier FROM agency ORDER BY identifier`,
    );
    if (this.stopped) return []; // shutdown began during the query
    for (const { identifier } of agencies) {
      const name = agencyQueueName(identifier);
      if (this.workers.has(name)) continue;
      const worker = new Worker(name, (job) => this.processor.process(job), {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.config.AGENCY_QUEUE_CONCURRENCY,
      });
      worker.on('error', (error) => this.logger.error(`${name}: ${error.message}`));
      this.workers.set(name, worker);
    }
    return [...this.workers.keys()];
  }

  /** Shutdown begins: no new worker is opened (the drain takes the open ones). */
  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  queueWorkers(): Worker[] {
    return [...this.workers.values()];
  }
}
