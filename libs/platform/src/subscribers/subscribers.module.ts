import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  ModuleMetadata,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import type { EventSubscriberLag } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { ClockService } from '../clock.service';
import type { DossierEventSubscriber } from './dossier-event-subscriber';
import { SubscriberRunner } from './subscriber-runner';

/** Every subscriber instance of this process. */
export const DOSSIER_EVENT_SUBSCRIBERS = Symbol('DOSSIER_EVENT_SUBSCRIBERS');
const RUN_SUBSCRIBERS = Symbol('RUN_SUBSCRIBERS');

/** The process's subscriber runner as a Nest service: registers cursors at boot, runs (if asked), stops at shutdown. */
@Injectable()
export class SubscriberRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventSubscribers');
  readonly runner: SubscriberRunner;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(MotcuaConfig) config: MotcuaConfig,
    @Inject(ClockService) clock: ClockService,
    @Inject(DOSSIER_EVENT_SUBSCRIBERS) subscribers: DossierEventSubscriber[],
    @Inject(RUN_SUBSCRIBERS) private readonly run: boolean,
  ) {
    this.runner = new SubscriberRunner(dataSource, subscribers, {
      batchSize: config.SUBSCRIBER_BATCH_SIZE,
      pollIntervalMs: config.SUBSCRIBER_POLL_INTERVAL_MS,
      now: () => clock.now(),
      onError: (name, error) =>
        this.logger.error(`subscriber ${name} failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.run || this.runner.subscriberNames.length === 0) return;
    await this.runner.register();
    this.runner.start();
    this.logger.log(`running ${this.runner.subscriberNames.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Lag of every registered subscriber (for the admin route and metrics). */
  lag(): Promise<EventSubscriberLag[]> {
    return this.runner.lag();
  }

  wake(): void {
    this.runner.wake();
  }
}

export interface SubscribersOptions {
  /** Subscriber classes (Nest providers; their dependencies come from global modules or `imports`). */
  subscribers: Array<Type<DossierEventSubscriber>>;
  /** Run them in this process (worker processes do); otherwise only lag is served. */
  run: boolean;
  imports?: ModuleMetadata['imports'];
}

/**
 * Dossier-event subscribers (issue 9). Add one: write a class implementing {@link DossierEventSubscriber} and add
 * it to the `subscribers` list where the process imports this module (apps/workflow/src/subscribers).
 */
@Module({})
export class SubscribersModule {
  static forRoot(options: SubscribersOptions): DynamicModule {
    return {
      module: SubscribersModule,
      imports: options.imports ?? [],
      providers: [
        ...options.subscribers,
        {
          provide: DOSSIER_EVENT_SUBSCRIBERS,
          inject: options.subscribers,
          useFactory: (...instances: DossierEventSubscriber[]) => instances,
        },
        { provide: RUN_SUBSCRIBERS, useValue: options.run },
        SubscriberRunnerService,
      ],
      exports: [SubscriberRunnerService],
    };
  }
}
