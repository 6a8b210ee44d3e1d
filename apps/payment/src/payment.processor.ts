import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PAYMENT_QUEUE, PaymentJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';

/** The `payment` queue: one case per job name, one use case per job. */
@Processor(PAYMENT_QUEUE.name)
export class PaymentProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(@Inject(MotcuaConfig) private readonly config: MotcuaConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof PaymentJobs;
    switch (name) {
      case 'canary.v1':
        return { token: (job.data as PaymentJobs['canary.v1']).token, service: 'payment' };
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`payment queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
