import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule, SubscribersModule } from '@motcua/platform';
import { DELIVERY_QUEUE, NOTIFICATION_QUEUE } from '@motcua/queues';
import { DeliveryProcessor } from './delivery.processor';
import { NotificationProcessor } from './notifications/notification.processor';
import { StorageSweepScheduler } from './storage/storage-sweep.scheduler';
import { SweepOrphanedFilesUseCase } from './storage/sweep-orphaned-files.use-case';
import { applicantChannelsProvider } from './notifications/applicant-channels.provider';
import { DELIVERY_SUBSCRIBERS } from './notifications/delivery-subscribers';
import { SendApplicantNotificationUseCase } from './notifications/send-applicant-notification.use-case';
import { nationalPortalProvider } from './national-portal/national-portal.provider';
import { SendNationalStatusUseCase } from './national-portal/send-national-status.use-case';

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
        SubscribersModule.forRoot({ subscribers: DELIVERY_SUBSCRIBERS, run: true }),
      ],
      providers: [
        DeliveryProcessor,
        NotificationProcessor,
        SweepOrphanedFilesUseCase,
        StorageSweepScheduler,
        applicantChannelsProvider,
        SendApplicantNotificationUseCase,
        nationalPortalProvider,
        SendNationalStatusUseCase,
      ],
    };
  }
}
