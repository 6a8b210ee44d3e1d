import { BullModule } from '@nestjs/bullmq';
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigModule, MotcuaConfig } from '@motcua/config';
import { DatabaseModule } from '@motcua/persistence';
import { jobOptionsForQueue } from '@motcua/queues';
import { OutboxRelay } from './outbox/outbox-relay';
import { QueueRegistry } from './queue-registry';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DiscoveryModule } from '@nestjs/core';
import { ClockService } from './clock.service';
import { WorkerDrainService } from './worker-drain';
import { MetricsService } from './metrics/metrics.service';
import { createRedis, redisOptionsFromUrl } from './redis';

/** Shared Redis connection for producers, queue registry and pub/sub publishing (not for blocking workers). */
export const REDIS = Symbol('REDIS');

@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    @Inject(MotcuaConfig) config: MotcuaConfig,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(QueueRegistry) queues: QueueRegistry,
    @Inject(ClockService) clock: ClockService,
    @Inject('OUTBOX_RELAY_ENABLED') private readonly enabled: boolean,
  ) {
    this.relay = new OutboxRelay(dataSource, queues, {
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      republishAfterMs: config.OUTBOX_REPUBLISH_AFTER_MS,
      now: () => clock.now(),
      jobOptionsFor: (queue) => jobOptionsForQueue(queue),
      onError: (error) =>
        this.logger.error(`relay tick failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.redis.quit().catch(() => undefined);
  }
}

export interface PlatformOptions {
  config: MotcuaConfig;
  /** Run the outbox relay in this process (worker processes do; the API may too). */
  outboxRelay: boolean;
}

/**
 * Infrastructure every motcua process shares: validated config, Postgres (migrated under a lock),
 * Redis, BullMQ root settings, the queue registry, the outbox relay and the clock.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        DiscoveryModule,
        BullModule.forRoot({ connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
      ],
      providers: [
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, 'motcua-shared') },
        {
          provide: QueueRegistry,
          inject: [REDIS],
          useFactory: (redis: Redis) => new QueueRegistry(redis, config.QUEUE_PREFIX),
        },
        { provide: 'OUTBOX_RELAY_ENABLED', useValue: options.outboxRelay },
        ClockService,
        OutboxRelayService,
        RedisCloser,
        WorkerDrainService,
        MetricsService,
      ],
      exports: [ConfigModule, DatabaseModule, BullModule, REDIS, QueueRegistry, ClockService, OutboxRelayService],
    };
  }
}
