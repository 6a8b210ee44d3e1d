import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule, SubscribersModule } from '@motcua/platform';
import { SYSTEM_QUEUE } from '@motcua/queues';
import { SystemProcessor } from './system/system.processor';
import { RoutingModule } from './routing/routing.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { WORKFLOW_SUBSCRIBERS } from './subscribers/workflow-subscribers';
import { CalendarMaintenanceModule } from './calendar/calendar.module';

/** Routing and deadlines: consumes dossier events, feeds agency queues, runs the outbox relay. */
@Module({})
export class WorkflowModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: WorkflowModule,
      imports: [
        PlatformModule.forRoot({ config, outboxRelay: true }),
        BullModule.registerQueue({ name: SYSTEM_QUEUE.name }),
        RoutingModule,
        ConnectorsModule,
        DeadlinesModule,
        SubscribersModule.forRoot({ subscribers: WORKFLOW_SUBSCRIBERS, run: true }),
        CalendarMaintenanceModule,
      ],
      providers: [SystemProcessor],
    };
  }
}
