import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { processConfig } from '@motcua/config';
import { ApiModule } from '../api.module';
import { describeApi } from './openapi-document';

/**
 * Writes the OpenAPI document to a file without a running server or database: Nest's preview mode builds
 * the module graph without instantiating providers (no Postgres or Redis connection). Used by the web
 * console's build to generate its API types (apps/web/scripts/build.sh).
 * Usage: node dist/apps/api/src/openapi/write-openapi.cli.js <output.json>
 */
async function main(): Promise<void> {
  const output = process.argv[2];
  if (!output) throw new Error('usage: write-openapi.cli.js <output.json>');
  const config = processConfig();
  @Module({ imports: [ApiModule.forRoot({ ...config, TEST_CLOCK_ENABLED: true })] })
  class OpenApiRootModule {}
  const app = await NestFactory.create(OpenApiRootModule, { preview: true, logger: false, abortOnError: false });
  const document = describeApi(app);
  await app.close();
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, JSON.stringify(document, null, 2));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
