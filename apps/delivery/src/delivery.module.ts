import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule } from '@motcua/platform';
import { DELIVERY_QUEUE, NOTIFICATION_QUEUE } from '@motcua/queues';
import { DeliveryProcessor } from './delivery.processor';
import { NotificationProcessor } from './notifications/notification.processor';
import { StorageSweepScheduler } from './storage/storage-sweep.scheduler';
import { SweepOrphanedFilesUseCase } from './storage/sweep-orphaned-files.use-case';

/**
 * Result return (desk / online / post) and notifications: consumes the `delivery` and `notification` queues;
 * runs an outbox relay and the repeatable sweep of orphaned stored files.
 */
@Module({})
export class DeliveryModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        PlatformModule.forRoot({ config, outboxRelay: true }),
        BullModule.registerQueue({ name: DELIVERY_QUEUE.name }, { name: NOTIFICATION_QUEUE.name }),
      ],
      providers: [DeliveryProcessor, NotificationProcessor, SweepOrphanedFilesUseCase, StorageSweepScheduler],
    };
  }
}
