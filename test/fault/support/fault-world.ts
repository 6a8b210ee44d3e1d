import { MailboxSmtpServer } from '@motcua/integrations';
import { createDataSource, runMigrationsUnderLock, SEEDS } from '@motcua/persistence';
import { loadConfig } from '@motcua/config';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { freePort, requireBuild, ROOT } from '../../foundation/support/built-launcher';
import { DEMO, FaultHttp } from './fault-http';
import { FaultProcesses } from './fault-processes';
import { FaultPostgres, FaultRedis } from './fault-stores';
import { LocalRedisCluster } from '../../support/redis-cluster';

/** The fee, land registry, tax connector and desk return: every effect kind the checker counts, on demo agencies. */
export function faultDefinition(): object {
  return {
    procedureCode: '1.000775',
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 2 },
        transitions: { approve: 'fee' },
      },
      {
        id: 'fee',
        name: 'Nộp lệ phí',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 2 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        kind: 'task',
        agency: { code: '000.02.02.H62' },
        budget: { workingHours: 3 },
        transitions: { approve: 'tax', refuse: '@end:refused' },
      },
      {
        id: 'tax',
        kind: 'connector',
        connector: 'tax-land-levy',
        maxAttempts: 12,
        agency: { code: '000.00.07.H62' },
        budget: { workingDays: 1 },
        transitions: { approve: 'return-result' },
      },
      {
        id: 'return-result',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

export interface FaultWorld {
  root: string;
  postgres: FaultPostgres;
  /** The single Redis (not started when `cluster` is set). */
  redis: FaultRedis;
  /** Redis Cluster mode (`npm run test:cluster`, FAULT_REDIS=cluster): 3 masters + 3 replicas, children of the harness. */
  cluster?: LocalRedisCluster;
  mailbox: MailboxSmtpServer;
  mailboxDir: string;
  mailPort: number;
  processes: FaultProcesses;
  http: FaultHttp;
  pool: Pool;
  dataSource: DataSource;
  procedureId: string;
  environment: Record<string, string>;
  close(): Promise<void>;
}

/** Migrations and the demo seed, in the harness process (one process boot less than `npm run seed`). */
async function runSeed(environment: Record<string, string>): Promise<void> {
  const config = loadConfig(environment);
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua-fault-seed' });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
    for (const seed of SEEDS) await dataSource.transaction((manager) => seed.run(manager, () => undefined, { config }));
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Boots the harness's own world: Postgres and Redis on free loopback ports (data under .local/fault), migrated and
 * seeded with the demo data, an SMTP mailbox in the harness process, the API and `workers` worker processes from
 * the build, the fault definition published and the shared test clock set to a Monday 08:00 (running).
 */
export async function startFaultWorld(options: {
  workers: number;
  extra?: Record<string, string>;
  redis?: 'single' | 'cluster';
}): Promise<FaultWorld> {
  requireBuild();
  const root = join(ROOT, '.local', 'fault');
  const postgres = new FaultPostgres(root, await freePort());
  const redis = new FaultRedis(root, await freePort());
  const cluster =
    options.redis === 'cluster' ? await LocalRedisCluster.onFreePorts(join(root, 'redis-cluster')) : undefined;
  // A boot that fails part-way stops what it started (no orphaned launcher, Redis or Postgres).
  let processes: FaultProcesses | undefined;
  let mailbox: MailboxSmtpServer | undefined;
  try {
    return await bootWorld();
  } catch (error) {
    await processes?.stopAll().catch(() => undefined);
    await mailbox?.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    await postgres.stop('fast');
    throw error;
  }

  async function bootWorld(): Promise<FaultWorld> {
    await postgres.start();
    await postgres.recreateDatabase();
    if (cluster) await cluster.start({ fresh: true });
    else await redis.start({ fresh: true });
    const mailboxDir = join(root, 'mailbox');
    rmSync(mailboxDir, { recursive: true, force: true });
    mkdirSync(mailboxDir, { recursive: true });
    mailbox = new MailboxSmtpServer(mailboxDir);
    const mailPort = await mailbox.start(0);
    const httpPort = await freePort();
    const environment: Record<string, string> = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: cluster ? '{fault}' : 'fault',
      ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodesSetting } : {}),
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      MIGRATIONS_RUN_AT_BOOT: 'false',
      TEST_CLOCK_ENABLED: 'true',
      MAIL_EMBEDDED_SMTP_ENABLED: 'false',
      MAIL_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      MAILBOX_DIR: mailboxDir,
      DATA_DIR: join(root, 'data'),
      WORKER_CONCURRENCY: '4',
      OUTBOX_POLL_INTERVAL_MS: '100',
      OUTBOX_REPUBLISH_AFTER_MS: '5000',
      SUBSCRIBER_POLL_INTERVAL_MS: '100',
      DEADLINE_SWEEP_INTERVAL_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      SIMULATED_CONNECTOR_LATENCY_MS: '30',
      SIMULATED_CONNECTOR_FAILURE_PERCENT: '0',
      PAYMENT_RECONCILE_INTERVAL_MS: '10000',
      USER_THROTTLE_LIMIT: '1000000',
      PUBLIC_THROTTLE_LIMIT: '1000000',
      ...(options.extra ?? {}),
    };
    rmSync(environment.DATA_DIR, { recursive: true, force: true });
    await runSeed(environment);
    const pool = new Pool({ connectionString: postgres.url, max: 4 });
    pool.on('error', () => undefined); // restarts cut its connections; the next query reconnects
    const dataSource = createDataSource({ url: postgres.url, applicationName: 'motcua-fault-checker' });
    processes = new FaultProcesses(environment, httpPort, options.workers);
    await processes.startAll();
    const http = new FaultHttp(`http://127.0.0.1:${httpPort}`);
    const [procedure] = (await pool.query(`SELECT id FROM procedure WHERE code = '1.000775'`)).rows;
    const admin = DEMO.admin;
    await http.as(admin, 'POST', '/admin/clock', { at: '2027-12-06T08:00:00+07:00', frozen: false });
    const created = await http.as(admin, 'POST', '/process-definitions', {
      procedureId: procedure.id,
      document: faultDefinition(),
    });
    if (created.status !== 201) throw new Error(`definition: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await http.as(admin, 'POST', `/process-definitions/${created.body.id}/publish`);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
    return {
      root,
      postgres,
      redis,
      cluster,
      mailbox: mailbox!,
      mailboxDir,
      mailPort,
      processes: processes!,
      http,
      pool,
      dataSource,
      procedureId: procedure.id,
      environment,
      async close() {
        await processes!.stopAll();
        await pool.end().catch(() => undefined);
        if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
        await mailbox!.stop().catch(() => undefined);
        await redis.stop();
        await cluster?.stop();
        await postgres.stop('fast');
      },
    };
  }
}
