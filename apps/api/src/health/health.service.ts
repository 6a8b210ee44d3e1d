import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@motcua/platform';
import { QueueRegistry, SYSTEM_QUEUE } from '@motcua/queues';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface CheckResult {
  status: 'ok' | 'down';
  detail?: string;
  ms: number;
}

export interface ReadinessReport {
  status: 'ok' | 'down';
  checks: { postgres: CheckResult; redis: CheckResult; worker: CheckResult };
}

const CANARY_TIMEOUT_MS = 5000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const [postgres, redis, worker] = await Promise.all([
      this.check(async () => void (await this.dataSource.query('SELECT 1'))),
      this.check(async () => {
        const pong = await this.redis.ping();
        if (pong !== 'PONG') throw new Error(`unexpected PING answer ${pong}`);
      }),
      this.check(() => this.canary()),
    ]);
    const status = [postgres, redis, worker].every((check) => check.status === 'ok') ? 'ok' : 'down';
    return { status, checks: { postgres, redis, worker } };
  }

  /** Pushes a job through the system queue and waits until a worker has really processed it. */
  private async canary(): Promise<void> {
    const queue = this.queues.get(SYSTEM_QUEUE.name);
    const token = randomUUID();
    const job = await queue.add(
      'canary.v1',
      { token },
      { ...SYSTEM_QUEUE.defaultJobOptions, jobId: `canary-${token}` },
    );
    const deadline = Date.now() + CANARY_TIMEOUT_MS;
    for (let wait = 10; Date.now() < deadline; wait = Math.min(wait * 2, 200)) {
      const state = await job.getState();
      if (state === 'completed') return;
      if (state === 'failed') throw new Error('canary job failed');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await job.remove().catch(() => undefined);
    throw new Error(`no worker processed the canary job within ${CANARY_TIMEOUT_MS} ms`);
  }

  private async check(probe: () => Promise<void>): Promise<CheckResult> {
    const started = Date.now();
    try {
      await probe();
      return { status: 'ok', ms: Date.now() - started };
    } catch (error) {
      return {
        status: 'down',
        detail: error instanceof Error ? error.message : String(error),
        ms: Date.now() - started,
      };
    }
  }
}
