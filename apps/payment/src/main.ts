import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { createPaymentApplication } from './bootstrap';

/** Runs the payment service alone (`npm run start:payment`); the launcher runs it with the others. */
async function main(): Promise<void> {
  const app = await createPaymentApplication(processConfig());
  await app.init();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
