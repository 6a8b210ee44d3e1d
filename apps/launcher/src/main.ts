import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig, processConfig, ServiceName } from '@motcua/config';
import { installGracefulShutdown, ShutdownTarget } from '@motcua/platform';
import { startEmbeddedMailbox } from './embedded-mailbox';

/**
 * The worker apps, booted before the API (its readiness canary needs a consumer). Each app's code is loaded only
 * when MOTCUA_SERVICES names it: a worker copy does not load the API's modules (controllers, Swagger, DTOs), nor
 * an API-only copy the worker apps (issue 17: loading all four was a fifth of a boot's time on a busy machine).
 */
const WORKERS: Array<[ServiceName, () => Promise<(config: MotcuaConfig) => Promise<INestApplicationContext>>]> = [
  ['workflow', async () => (await import('../../workflow/src/bootstrap')).createWorkflowApplication],
  ['payment', async () => (await import('../../payment/src/bootstrap')).createPaymentApplication],
  ['delivery', async () => (await import('../../delivery/src/bootstrap')).createDeliveryApplication],
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
  for (const [name, load] of WORKERS) {
    if (!config.MOTCUA_SERVICES.includes(name)) continue;
    const worker = await (await load())(config);
    await worker.init();
    started.push({ name, app: worker });
  }
  if (config.MOTCUA_SERVICES.includes('api')) {
    const { createApiApplication } = await import('../../api/src/bootstrap');
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
