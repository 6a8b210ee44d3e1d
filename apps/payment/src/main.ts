import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { installGracefulShutdown } from '@motcua/platform';
import { createPaymentApplication } from './bootstrap';

/** Runs the payment service alone (`npm run start:payment`); the launcher runs it with the others. */
async function main(): Promise<void> {
  const config = processConfig();
  const app = await createPaymentApplication(config);
  await app.init();
  installGracefulShutdown([{ name: 'payment', app }], { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
