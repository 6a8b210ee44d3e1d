import { Module } from '@nestjs/common';
import { AgencyQueueWorkers } from './agency-queue-workers';
import { AgencyStepProcessor } from './agency-step.processor';
import { SimulatedConnector } from './simulated.connector';

/** Workers of the per-agency queues: automated connector steps with retries and a dead letter. */
@Module({
  providers: [SimulatedConnector, AgencyStepProcessor, AgencyQueueWorkers],
  exports: [SimulatedConnector, AgencyQueueWorkers],
})
export class ConnectorsModule {}
