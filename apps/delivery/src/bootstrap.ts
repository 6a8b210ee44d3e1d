import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MotcuaConfig } from '@motcua/config';
import { loggerParams } from '@motcua/platform';
import { Logger, LoggerModule } from 'nestjs-pino';
import { DeliveryModule } from './delivery.module';

/** Builds the delivery service (no HTTP): consumers of its own queues and an outbox relay. */
export async function createDeliveryApplication(config: MotcuaConfig): Promise<INestApplicationContext> {
  @Module({ imports: [LoggerModule.forRoot(loggerParams(config, 'delivery')), DeliveryModule.forRoot(config)] })
  class DeliveryRootModule {}
  const app = await NestFactory.createApplicationContext(DeliveryRootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
