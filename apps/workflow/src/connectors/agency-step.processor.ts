import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { ClockService } from '@motcua/platform';
import { StepTaskRepository } from '@motcua/persistence';
import { completeStepTask, markStepDeadLettered } from '@motcua/application';
import { AgencyJobs } from '@motcua/queues';
import { consumeOutboxJob } from '@motcua/platform';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AgencyConnectorRegistry } from '@motcua/integrations';

/**
 * Handles `step.v1` jobs of every `agency.<identifier>` queue. Human (task) steps get no job since issue 16; a job
 * for a step that is not an open connector step (delivery and sub-dossier steps, jobs written before that change, a
 * step already done) is consumed and nothing else happens. Connector steps: call the agency
 * system registered under the step's `connector` name (`@motcua/integrations`) outside any transaction; success completes the step like an officer would (same optimistic lock and
 * 'step-completed' event); failure counts an attempt in Postgres and throws, so BullMQ retries with exponential
 * backoff; the last allowed attempt (the step's `maxAttempts`, or BullMQ's attempts if fewer) dead-letters the
 * step.
 */
@Injectable()
export class AgencyStepProcessor {
  private readonly logger = new Logger(AgencyStepProcessor.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(AgencyConnectorRegistry) private readonly connectors: AgencyConnectorRegistry,
  ) {}

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof AgencyJobs;
    switch (name) {
      case 'step.v1':
        return this.step(job);
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`agency queue: unknown job name ${String(unknown)}`);
      }
    }
  }

  private async step(job: Job): Promise<unknown> {
    const data = job.data as Partial<AgencyJobs['step.v1']>;
    if (typeof data?.stepTaskId !== 'string')
      throw new UnrecoverableError(`step.v1 without a stepTaskId (job ${job.id})`);
    const task = await new StepTaskRepository(this.dataSource.manager).findById(data.stepTaskId);
    if (!task) throw new UnrecoverableError(`step task ${data.stepTaskId} does not exist`);
    if (task.kind !== 'connector' || task.status !== 'open' || !task.connector) {
      // Human step announced, or a step already done/cancelled: nothing to do but record the delivery.
      return consumeOutboxJob(this.dataSource, job, this.clock.now(), async () => undefined);
    }
    let result;
    try {
      result = await this.connectors.connectorFor(task.connector).call({
        connector: task.connector,
        stepTaskId: task.id,
        dossierId: task.dossierId,
        stepId: task.stepId,
        attempt: task.attempt,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = await new StepTaskRepository(this.dataSource.manager).recordConnectorFailure(task.id, message);
      const allowed = Math.min(task.maxAttempts ?? 1, job.opts.attempts ?? 1);
      if (attempts >= allowed || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        this.logger.warn(
          `connector ${task.connector} step ${task.id}: dead letter after ${attempts} attempts (${message})`,
        );
        return consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
          await markStepDeadLettered(manager, { stepTaskId: task.id, error: message, now: this.clock.now() });
        });
      }
      throw error instanceof Error ? error : new Error(message);
    }
    return consumeOutboxJob(this.dataSource, job, this.clock.now(), async (manager) => {
      try {
        await completeStepTask(manager, {
          stepTaskId: task.id,
          agencyId: null,
          outcome: result.outcome,
          comment: result.comment ?? null,
          actor: null,
          now: this.clock.now(),
        });
      } catch (error) {
        // Cancelled or completed meanwhile: the job's work is moot.
        if (error instanceof DomainError && error.kind === 'conflict') return;
        throw error;
      }
    });
  }
}
