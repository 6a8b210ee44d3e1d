import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MotcuaConfig } from '@motcua/config';
import { loggerParams } from '@motcua/platform';
import helmet from 'helmet';
import { Logger, LoggerModule } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { configureHttpEdges } from './common/http-edges';
import { describeApi } from './openapi/openapi-document';
import { serveWebConsole } from './web-console/web-console';

export interface ApiApplication {
  app: INestApplication;
  openApi: OpenAPIObject;
}

/** Builds the HTTP application with the same settings for main.ts, the launcher and the e2e tests. */
export async function createApiApplication(config: MotcuaConfig): Promise<ApiApplication> {
  @Module({ imports: [LoggerModule.forRoot(loggerParams(config, 'api')), ApiModule.forRoot(config)] })
  class ApiRootModule {}

  const app = await NestFactory.create<NestExpressApplication>(ApiRootModule, {
    bufferLogs: true,
    bodyParser: false,
    // Webhook signatures are checked over the exact bytes received (req.rawBody).
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false }));
  configureHttpEdges(app);

  const openApi = describeApi(app);
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  serveWebConsole(app);
  return { app, openApi };
}
