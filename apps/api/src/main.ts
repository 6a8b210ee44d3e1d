import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { installGracefulShutdown } from '@motcua/platform';
import { createApiApplication } from './bootstrap';

async function main(): Promise<void> {
  const config = processConfig();
  const { app } = await createApiApplication(config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  installGracefulShutdown([{ name: 'api', app, server: app.getHttpServer() }], {
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
