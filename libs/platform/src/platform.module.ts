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
import { processOutboxRelays, relayTargetKey } from './outbox/process-outbox-relays';
import { QueueRegistry } from './queue-registry';
import { DataSource } from 'typeorm';
import { DiscoveryModule } from '@nestjs/core';
import { ClockService } from './clock.service';
import { WorkerDrainService } from './worker-drain';
import { MetricsService } from './metrics/metrics.service';
import { closeBullConnection, createBullConnection, createRedisClient, RedisClient } from './redis';
import type { ConnectionOptions } from 'bullmq';

/**
 * Shared Redis connection (a `RedisClient`: single Redis or Cluster) for producers, queue registry and pub/sub
 * publishing (not for blocking workers).
 */
export const REDIS = Symbol('REDIS');

/** BullMQ `connection` of this application's queues and workers (see createBullConnection). */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;
  /** This relay's group in the process (one loop per group, see ProcessOutboxRelays). */
  private readonly target: string;

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
    this.target = relayTargetKey([
      config.DATABASE_URL,
      config.REDIS_URL,
      config.REDIS_CLUSTER_NODES,
      config.QUEUE_PREFIX,
      config.OUTBOX_BATCH_SIZE,
      config.OUTBOX_POLL_INTERVAL_MS,
      config.OUTBOX_REPUBLISH_AFTER_MS,
    ]);
  }

  /** Joins the process's one relay loop for this database/Redis (the first app to join runs it). */
  onApplicationBootstrap(): void {
    if (this.enabled) processOutboxRelays.join(this.target, this.relay);
  }

  async onApplicationShutdown(): Promise<void> {
    await processOutboxRelays.leave(this.target, this.relay);
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(BULL_CONNECTION) private readonly bullConnection: ConnectionOptions,
  ) {}

  /** Workers were drained and closed before (beforeApplicationShutdown); queues close, then the clients. */
  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.redis.quit().catch(() => undefined);
    await closeBullConnection(this.bullConnection);
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
    const bullConnection = createBullConnection(config);
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        DiscoveryModule,
        BullModule.forRoot({ connection: bullConnection, prefix: config.QUEUE_PREFIX }),
      ],
      providers: [
        { provide: REDIS, useFactory: () => createRedisClient(config, 'motcua-shared') },
        { provide: BULL_CONNECTION, useValue: bullConnection },
        {
          provide: QueueRegistry,
          inject: [REDIS],
          useFactory: (redis: RedisClient) => new QueueRegistry(redis, config.QUEUE_PREFIX),
        },
        { provide: 'OUTBOX_RELAY_ENABLED', useValue: options.outboxRelay },
        ClockService,
        OutboxRelayService,
        RedisCloser,
        WorkerDrainService,
        MetricsService,
      ],
      exports: [
        ConfigModule,
        DatabaseModule,
        BullModule,
        REDIS,
        BULL_CONNECTION,
        QueueRegistry,
        ClockService,
        OutboxRelayService,
      ],
    };
  }
}
