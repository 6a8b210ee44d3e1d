import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig, processConfig, ServiceName } from '@motcua/config';
import { installGracefulShutdown, ShutdownTarget } from '@motcua/platform';
import { createApiApplication } from '../../api/src/bootstrap';
import { createDeliveryApplication } from '../../delivery/src/bootstrap';
import { createPaymentApplication } from '../../payment/src/bootstrap';
import { createWorkflowApplication } from '../../workflow/src/bootstrap';
import { startEmbeddedMailbox } from './embedded-mailbox';

/** The worker apps, booted before the API (its readiness canary needs a consumer). */
const WORKERS: Array<[ServiceName, (config: MotcuaConfig) => Promise<INestApplicationContext>]> = [
  ['workflow', createWorkflowApplication],
  ['payment', createPaymentApplication],
  ['delivery', createDeliveryApplication],
];

/**
 * Embedded default: boots every service named in MOTCUA_SERVICES in this one process. Each service is
 * still its own Nest application and can be run alone (`npm run start:api`, `start:workflow`, `start:payment`,
 * `start:delivery`).
 */
async function main(): Promise<void> {
  const config = processConfig();
  const started: ShutdownTarget[] = [];
  await startEmbeddedMailbox(config);
  for (const [name, create] of WORKERS) {
    if (!config.MOTCUA_SERVICES.includes(name)) continue;
    const worker = await create(config);
    await worker.init();
    started.push({ name, app: worker });
  }
  if (config.MOTCUA_SERVICES.includes('api')) {
    const { app } = await createApiApplication(config);
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
    started.push({ name: 'api', app, server: app.getHttpServer() });
  }
  installGracefulShutdown(started, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  console.log(`motcua launcher: running ${config.MOTCUA_SERVICES.join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
