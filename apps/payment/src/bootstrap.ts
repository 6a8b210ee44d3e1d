import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MotcuaConfig } from '@motcua/config';
import { loggerParams } from '@motcua/platform';
import { Logger, LoggerModule } from 'nestjs-pino';
import { PaymentModule } from './payment.module';

/** Builds the payment service (no HTTP; the API is the HTTP face): the payment queue's consumers. */
export async function createPaymentApplication(config: MotcuaConfig): Promise<INestApplicationContext> {
  @Module({ imports: [LoggerModule.forRoot(loggerParams(config, 'payment')), PaymentModule.forRoot(config)] })
  class PaymentRootModule {}
  const app = await NestFactory.createApplicationContext(PaymentRootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
