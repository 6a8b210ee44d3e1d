import { INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MotcuaConfig } from '@motcua/config';
import { loggerParams } from '@motcua/platform';
import helmet from 'helmet';
import { Logger, LoggerModule } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { ErrorFilter } from './common/domain-error.filter';

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
  app.enableShutdownHooks();

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('motcua API')
      .setDescription(
        'One-stop-shop (một cửa) dossier workflow: desk intake, agency inbox, supervision, citizen lookup',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  return { app, openApi };
}
