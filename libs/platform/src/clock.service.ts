import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { checkTestClockInstant } from '@motcua/domain';
import { DataSource } from 'typeorm';
import { createRedisClient, RedisClient } from './redis';

interface ClockState {
  offsetMs: number;
  frozenAt: Date | null;
}

/**
 * The one clock of a process. In normal operation it is the system clock. With TEST_CLOCK_ENABLED (refused
 * in production) it reads a shared offset / frozen instant from Postgres, so an admin endpoint can move the
 * time of every service at once; changes are broadcast over Redis and re-read every second as a backstop.
 */
@Injectable()
export class ClockService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClockService.name);
  private state: ClockState = { offsetMs: 0, frozenAt: null };
  private subscriber: RedisClient | undefined;
  private poller: NodeJS.Timeout | undefined;
  private readonly changeListeners = new Set<() => void>();

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  get testClockEnabled(): boolean {
    return this.config.TEST_CLOCK_ENABLED;
  }

  private get channel(): string {
    return `${this.config.QUEUE_PREFIX}-clock`;
  }

  now(): Date {
    if (!this.config.TEST_CLOCK_ENABLED) return new Date();
    const shared = this.state.frozenAt ? this.state.frozenAt.getTime() : Date.now() + this.state.offsetMs;
    return new Date(shared + this.config.TEST_CLOCK_SKEW_MS);
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.TEST_CLOCK_ENABLED) return;
    this.logger.warn('TEST CLOCK ENABLED: time can be moved through the admin API (never in production)');
    await this.refresh();
    this.subscriber = createRedisClient(this.config, 'motcua-clock-subscriber');
    this.subscriber.on('message', () => {
      void this.refresh()
        .then(() => this.changeListeners.forEach((listener) => listener()))
        .catch(() => undefined);
    });
    await this.subscriber.subscribe(this.channel);
    this.poller = setInterval(() => void this.refresh().catch(() => undefined), 1000);
    this.poller.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.subscriber?.quit().catch(() => undefined);
  }

  /**
   * Calls `listener` after another service moved the shared test clock and this process has re-read it (test
   * clock mode only; never called otherwise). Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Re-reads the shared test clock from Postgres. */
  async refresh(): Promise<void> {
    if (!this.config.TEST_CLOCK_ENABLED) return;
    const rows: Array<{ offset_ms: string; frozen_at: Date | null }> = await this.dataSource.query(
      'SELECT offset_ms, frozen_at FROM clock_setting WHERE id = 1',
    );
    if (rows[0]) this.state = { offsetMs: Number(rows[0].offset_ms), frozenAt: rows[0].frozen_at };
  }

  /** Sets the shared clock (test/demo mode only) and tells every service. */
  async set(at: Date, frozen: boolean, publisher: RedisClient): Promise<Date> {
    if (!this.config.TEST_CLOCK_ENABLED) throw new Error('the test clock is disabled');
    checkTestClockInstant(at);
    await this.dataSource.query(
      'UPDATE clock_setting SET offset_ms = $1, frozen_at = $2, updated_at = now() WHERE id = 1',
      [frozen ? 0 : at.getTime() - Date.now(), frozen ? at : null],
    );
    await this.refresh();
    await publisher.publish(this.channel, 'changed');
    return this.now();
  }

  async advance(milliseconds: number, publisher: RedisClient): Promise<Date> {
    await this.refresh();
    return this.set(new Date(this.now().getTime() + milliseconds), this.state.frozenAt !== null, publisher);
  }
}
