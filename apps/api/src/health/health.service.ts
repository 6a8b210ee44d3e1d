import type { RedisClient } from '@motcua/platform';
import { Inject, Injectable } from '@nestjs/common';
import { uncoveredDeadlineYears } from '@motcua/domain';
import { latestOpenDeadline, listGeneratedCalendarYears } from '@motcua/persistence';
import { ClockService, QueueRegistry, REDIS } from '@motcua/platform';
import { SYSTEM_QUEUE } from '@motcua/queues';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface CheckResult {
  status: 'ok' | 'down';
  detail?: string;
  ms: number;
}

export interface ReadinessReport {
  status: 'ok' | 'down';
  checks: { postgres: CheckResult; redis: CheckResult; worker: CheckResult; calendar: CheckResult };
}

const CANARY_TIMEOUT_MS = 5000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const [postgres, redis, worker, calendar] = await Promise.all([
      this.check(async () => void (await this.dataSource.query('SELECT 1'))),
      this.check(async () => {
        const pong = await this.redis.ping();
        if (pong !== 'PONG') throw new Error(`unexpected PING answer ${pong}`);
      }),
      this.check(() => this.canary()),
      this.check(() => this.calendarCoverage()),
    ]);
    const status = [postgres, redis, worker, calendar].every((check) => check.status === 'ok') ? 'ok' : 'down';
    return { status, checks: { postgres, redis, worker, calendar } };
  }

  /**
   * Every year from now to the latest open deadline has generated public holidays (`calendar_year`); a due date
   * computed across a year without them would ignore Tết and the other holidays of that year.
   */
  private async calendarCoverage(): Promise<void> {
    const manager = this.dataSource.manager;
    const latest = await latestOpenDeadline(manager);
    const missing = uncoveredDeadlineYears(this.clock.now(), latest, await listGeneratedCalendarYears(manager));
    if (missing.length > 0) {
      throw new Error(
        `the calendar has no public holidays for ${missing.join(', ')}` +
          (latest ? ` while open deadlines reach ${latest.toISOString()}` : '') +
          ': generate them (calendar queue generate-years.v1) or add the days at PUT /admin/calendar/days/{date}',
      );
    }
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
