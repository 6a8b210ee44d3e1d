import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { Logger, LoggerModule } from 'nestjs-pino';
import { Module } from '@nestjs/common';
import { loggerParams } from '@motcua/platform';
import { WorkflowModule } from './workflow.module';

/** Builds the workflow service (no HTTP): queue consumers, outbox relay, timers. */
export async function createWorkflowApplication(config: MotcuaConfig): Promise<INestApplicationContext> {
  @Module({ imports: [LoggerModule.forRoot(loggerParams(config, 'workflow')), WorkflowModule.forRoot(config)] })
  class WorkflowRootModule {}
  const app = await NestFactory.createApplicationContext(WorkflowRootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
