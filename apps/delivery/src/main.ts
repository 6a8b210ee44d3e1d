import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { createDeliveryApplication } from './bootstrap';

async function main(): Promise<void> {
  const app = await createDeliveryApplication(processConfig());
  await app.init();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
