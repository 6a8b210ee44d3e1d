import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DELIVERY_QUEUE, DeliveryJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { SweepOrphanedFilesUseCase } from './storage/sweep-orphaned-files.use-case';

/** The `delivery` queue: one case per job name, one use case per job. */
@Processor(DELIVERY_QUEUE.name)
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(SweepOrphanedFilesUseCase) private readonly sweepOrphans: SweepOrphanedFilesUseCase,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof DeliveryJobs;
    switch (name) {
      case 'canary.v1':
        return { token: (job.data as DeliveryJobs['canary.v1']).token, service: 'delivery' };
      case 'sweep-orphans.v1':
        return this.sweepOrphans.run();
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`delivery queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
