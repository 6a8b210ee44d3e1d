import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { SYSTEM_QUEUE, SystemJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';

/** Answers the readiness canary: a job really consumed proves the worker loop is alive. */
@Processor(SYSTEM_QUEUE.name)
export class SystemProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(@Inject(MotcuaConfig) private readonly config: MotcuaConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = Math.min(4, this.config.WORKER_CONCURRENCY);
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof SystemJobs;
    switch (name) {
      case 'canary.v1':
        return { token: (job.data as SystemJobs['canary.v1']).token, answeredAt: new Date().toISOString() };
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`system queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
