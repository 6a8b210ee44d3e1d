import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { installGracefulShutdown } from '@motcua/platform';
import { createDeliveryApplication } from './bootstrap';

async function main(): Promise<void> {
  const config = processConfig();
  const app = await createDeliveryApplication(config);
  await app.init();
  installGracefulShutdown([{ name: 'delivery', app }], { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
