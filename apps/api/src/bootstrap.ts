import { INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MotcuaConfig } from '@motcua/config';
import { loggerParams } from '@motcua/platform';
import helmet from 'helmet';
import { Logger, LoggerModule } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { ErrorFilter } from './common/domain-error.filter';
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

  const app = await NestFactory.create<NestExpressApplication>(ApiRootModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.use(helmet({ contentSecurityPolicy: false }));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ErrorFilter());

  const openApi = describeApi(app);
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  serveWebConsole(app);
  return { app, openApi };
}
