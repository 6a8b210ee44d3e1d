import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DEADLINE_QUEUE, DeadlineJobs } from '@motcua/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { FireTimerUseCase } from './fire-timer.use-case';

/** The deadline queue: delayed timer jobs (fast path) and the repeatable sweep (backstop). */
@Processor(DEADLINE_QUEUE.name)
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(FireTimerUseCase) private readonly fireTimer: FireTimerUseCase,
    @Inject(DeadlineSweeper) private readonly sweeper: DeadlineSweeper,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const name = job.name as keyof DeadlineJobs;
    switch (name) {
      case 'timer-due.v1':
        return { outcome: await this.fireTimer.handleJob(job, token) };
      case 'sweep.v1':
        return this.sweeper.sweep();
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`deadline queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
