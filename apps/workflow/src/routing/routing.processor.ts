import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { ClockService } from '@motcua/platform';
import { WORKFLOW_QUEUE, WorkflowJobs } from '@motcua/queues';
import { consumeOutboxJob } from '@motcua/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { RouteDossierUseCase } from './route-dossier.use-case';

/** Consumes dossier events and routes the dossier to its next step(s). */
@Processor(WORKFLOW_QUEUE.name)
export class RoutingProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(RouteDossierUseCase) private readonly routing: RouteDossierUseCase,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof WorkflowJobs;
    switch (name) {
      case 'dossier-event.v1': {
        const data = job.data as Partial<WorkflowJobs['dossier-event.v1']>;
        if (typeof data?.dossierId !== 'string')
          throw new UnrecoverableError(`dossier-event.v1 without a dossierId (job ${job.id})`);
        const dossierId = data.dossierId;
        return consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
          await this.routing.routeIn(manager, dossierId, this.clock.now());
        });
      }
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`workflow queue: unknown job name ${String(unknown)}`);
      }
    }
  }
}
