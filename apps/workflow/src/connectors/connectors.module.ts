import { Module } from '@nestjs/common';
import { AgencyConnectorsModule } from '@motcua/integrations';
import { AgencyQueueWorkers } from './agency-queue-workers';
import { AgencyStepProcessor } from './agency-step.processor';

/** Workers of the per-agency queues: automated connector steps with retries and a dead letter. */
@Module({
  imports: [AgencyConnectorsModule],
  providers: [AgencyStepProcessor, AgencyQueueWorkers],
  exports: [AgencyConnectorsModule, AgencyQueueWorkers],
})
export class ConnectorsModule {}
