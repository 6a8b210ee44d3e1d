import 'reflect-metadata';
import { processConfig } from '@motcua/config';
import { installGracefulShutdown, ShutdownTarget } from '@motcua/platform';
import { createApiApplication } from '../../api/src/bootstrap';
import { createWorkflowApplication } from '../../workflow/src/bootstrap';

/**
 * Embedded default: boots every service named in MOTCUA_SERVICES in this one process. Each service is
 * still its own Nest application and can be run alone (`npm run start:api`, `npm run start:workflow`).
 */
async function main(): Promise<void> {
  const config = processConfig();
  const started: ShutdownTarget[] = [];
  // Workers first: the API's readiness canary needs a consumer.
  if (config.MOTCUA_SERVICES.includes('workflow')) {
    const workflow = await createWorkflowApplication(config);
    await workflow.init();
    started.push({ name: 'workflow', app: workflow });
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
