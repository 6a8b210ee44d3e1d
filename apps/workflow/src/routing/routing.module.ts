import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WORKFLOW_QUEUE } from '@motcua/queues';
import { RouteDossierUseCase } from './route-dossier.use-case';
import { RoutingProcessor } from './routing.processor';
import { WorkflowStepHandlers } from './step-handlers/step-handler.registry';

/** Event-driven routing of dossiers between agencies (the `workflow` queue). */
@Module({
  imports: [BullModule.registerQueue({ name: WORKFLOW_QUEUE.name })],
  providers: [WorkflowStepHandlers, RouteDossierUseCase, RoutingProcessor],
  exports: [RouteDossierUseCase],
})
export class RoutingModule {}
