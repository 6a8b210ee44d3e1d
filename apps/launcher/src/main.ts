import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { MotcuaConfig, processConfig, ServiceName } from '@motcua/config';
import { isDatabaseUnavailableError } from '@motcua/persistence';
import { installGracefulShutdown, ShutdownTarget } from '@motcua/platform';
import { startEmbeddedMailbox } from './embedded-mailbox';
import { stopWhenLauncherGoes, WorkerCopies } from './worker-copies';

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

/** How long a copy keeps booting again while the database is away (a restart or crash recovery during its boot). */
const BOOT_WAIT_MS = 120_000;

/**
 * Creates and starts one app; when a boot hook fails because the database went away meanwhile (the connection was
 * cut by a restart: the fault suite saw a worker restarted during a Postgres restart exit with "Connection terminated
 * unexpectedly"), closes what it had started and boots it again, for up to BOOT_WAIT_MS. Any other error is thrown.
 */
async function bootWhileDatabaseReturns<T extends INestApplicationContext>(
  name: string,
  create: () => Promise<T>,
  start: (app: T) => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + BOOT_WAIT_MS;
  for (;;) {
    let app: T | undefined;
    try {
      app = await create();
      await start(app);
      return app;
    } catch (error) {
      if (!isDatabaseUnavailableError(error) || Date.now() >= deadline) throw error;
      console.warn(`motcua launcher: ${name}: the database went away during boot, booting again: ${String(error)}`);
      if (app)
        await Promise.race([app.close().catch(() => undefined), new Promise((done) => setTimeout(done, 10_000))]);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * Embedded default: boots every service named in MOTCUA_SERVICES in this one process; with MOTCUA_WORKER_PROCESSES
 * = N, the worker services in N forked copies of this launcher instead (worker-copies.ts). Each service is still its
 * own Nest application and can be run alone (`npm run start:api`, `start:workflow`, `start:payment`,
 * `start:delivery`).
 */
async function main(): Promise<void> {
  const config = processConfig();
  const started: ShutdownTarget[] = [];
  await startEmbeddedMailbox(config);
  stopWhenLauncherGoes();
  // MOTCUA_WORKER_PROCESSES > 0: the worker services run in forked copies (started first: the API's readiness
  // canary needs a consumer), this process keeps the API.
  const copied = config.MOTCUA_WORKER_PROCESSES > 0 ? WORKERS.map(([name]) => name) : [];
  const copiedServices = config.MOTCUA_SERVICES.filter((name) => copied.includes(name));
  if (copiedServices.length > 0) {
    const copies = new WorkerCopies(config, copiedServices);
    copies.start();
    started.push({ name: `worker copies (${copiedServices.join(', ')})`, app: copies });
  }
  for (const [name, load] of WORKERS) {
    if (!config.MOTCUA_SERVICES.includes(name) || copied.includes(name)) continue;
    const create = await load();
    const worker = await bootWhileDatabaseReturns(
      name,
      () => create(config),
      (app) => app.init(),
    );
    started.push({ name, app: worker });
  }
  if (config.MOTCUA_SERVICES.includes('api')) {
    const { createApiApplication } = await import('../../api/src/bootstrap');
    const app = await bootWhileDatabaseReturns(
      'api',
      async () => (await createApiApplication(config)).app,
      (api) => api.listen(config.HTTP_PORT, config.HTTP_HOST),
    );
    started.push({ name: 'api', app, server: app.getHttpServer() });
  }
  installGracefulShutdown(started, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  console.log(`motcua launcher: running ${started.map((target) => target.name).join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
