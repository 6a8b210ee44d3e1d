import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The API's OpenAPI document: served at /docs-json and turned into the web console's types at build time. */
export function describeApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
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
}
