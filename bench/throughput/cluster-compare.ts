import { environmentVariable } from '@motcua/config';
import { createRedisClient, RedisClient, RedisSettings } from '@motcua/platform';
import { Queue, Worker } from 'bullmq';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppProcess } from './app-process';
import { closedLoop, LoadResult } from './load';
import { benchApp, freshDatabase, ROOT } from './setup';
import {
  BENCH_PROCEDURE_CODE,
  Desk,
  findPostmaster,
  healthRun,
  intakeRun,
  login,
  stepCompletionRun,
  waitForDeskTasks,
} from './system-runs';

/**
 * `npm run bench:cluster` (issue 16 acceptance 3): single Redis vs a local Redis Cluster in one run. Two launchers of
 * this checkout, each with its own fresh database: one on the single Redis of scripts/services.sh, one on the
 * 3 masters + 3 replicas of scripts/redis-cluster.sh (QUEUE_PREFIX with a hash tag). Rounds alternate which goes
 * first; each round measures, on both: Redis PING and BullMQ no-op jobs (add + drain) through motcua's own client
 * factory, health, desk intake (16 clients, two desks) and HTTP step completions with routing keeping up. Writes
 * bench/results/<date>/cluster-<hhmm>.md with cluster / single ratios. BENCH_SECONDS (5), --rounds=N (2).
 */
const SECONDS = Number(environmentVariable('BENCH_SECONDS') ?? 5);
const ROUNDS = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 2);
const CONCURRENCY = 16;
const startedAt = new Date();
const progress = (message: string) =>
  process.stderr.write(
    `[bench:cluster ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s] ${message}\n`,
  );

interface Side {
  name: 'single' | 'cluster';
  settings: RedisSettings;
  prefix: string;
  app: AppProcess;
  pool: Pool;
  desks: Desk[];
  procedureId: string;
}

/** PING through motcua's client (a Cluster client sends it to one node). */
async function pings(settings: RedisSettings): Promise<LoadResult> {
  const redis = createRedisClient(settings, 'bench-ping');
  try {
    await redis.ping();
    return await closedLoop(CONCURRENCY, SECONDS, () => redis.ping());
  } finally {
    await redis.quit();
  }
}

/** BullMQ no-op jobs on the side's connection kind: addBulk of `jobs`, then a drain at concurrency 100. */
async function bullmqJobs(side: Side, jobs: number): Promise<{ add: number; drain: number }> {
  const connection: RedisClient = createRedisClient(side.settings, 'bench-bullmq');
  const name = `noop-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection, prefix: side.prefix });
  try {
    const addStart = Date.now();
    for (let offset = 0; offset < jobs; offset += 1000)
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - offset) }, (_, index) => ({
          name: 'noop',
          data: { n: offset + index },
          opts: { removeOnComplete: true },
        })),
      );
    const add = jobs / ((Date.now() - addStart) / 1000);
    let done = 0;
    let drained: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (drained = resolve));
    const drainStart = Date.now();
    const worker = new Worker(name, async () => void (++done === jobs && drained()), {
      connection,
      prefix: side.prefix,
      concurrency: 100,
    });
    await all;
    const drain = jobs / ((Date.now() - drainStart) / 1000);
    await worker.close();
    return { add, drain };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

async function prepare(side: Omit<Side, 'pool' | 'desks' | 'procedureId'>, url: string): Promise<Side> {
  await side.app.start();
  const pool = new Pool({ connectionString: url, max: 2 });
  const procedureId = (await pool.query(`SELECT id FROM procedure WHERE code = $1`, [BENCH_PROCEDURE_CODE])).rows[0].id;
  const desks: Desk[] = [];
  for (const username of ['desk.anbinh', 'desk.centre']) {
    const token = await login(side.app.client, username, `demo-${username.replace('.', '-')}`);
    const { rows } = await pool.query(`SELECT agency_id FROM app_user WHERE username = $1`, [username]);
    desks.push({ username, agencyId: rows[0].agency_id, token });
  }
  return { ...side, pool, desks, procedureId };
}

type Figures = Record<string, { unit: string; single: number[]; cluster: number[]; p50?: Record<string, number[]> }>;

function note(figures: Figures, side: Side, name: string, unit: string, value: number, p50?: number): void {
  figures[name] ??= { unit, single: [], cluster: [], p50: { single: [], cluster: [] } };
  figures[name][side.name].push(value);
  if (p50 !== undefined) figures[name].p50![side.name].push(p50);
  progress(
    `${side.name.padEnd(7)} ${name}: ${value.toFixed(0)} ${unit}${p50 !== undefined ? ` (p50 ${p50.toFixed(1)} ms)` : ''}`,
  );
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function round(side: Side, figures: Figures): Promise<void> {
  const ping = await pings(side.settings);
  note(figures, side, 'Redis PING, 16 in flight', 'pings/s', ping.perSecond, ping.p50);
  const bull = await bullmqJobs(side, 20_000);
  note(figures, side, 'BullMQ addBulk no-op jobs', 'jobs/s', bull.add);
  note(figures, side, 'BullMQ drain no-op jobs, concurrency 100', 'jobs/s', bull.drain);
  const health = await healthRun(side.app, CONCURRENCY, SECONDS);
  note(figures, side, 'GET /health/live, 16 clients', 'req/s', health.perSecond, health.p50);
  const intake = await intakeRun(side.app, side.desks, side.procedureId, CONCURRENCY, SECONDS);
  note(figures, side, 'POST /dossiers, 16 clients, two desks', 'req/s', intake.perSecond, intake.p50);
  await waitForDeskTasks(side.pool, side.desks[0].agencyId);
  const steps = await stepCompletionRun(side.app, side.pool, side.desks[0], CONCURRENCY, SECONDS * 2);
  note(figures, side, 'POST /inbox/steps/:id/complete, 16 clients', 'steps/s', steps.http.perSecond, steps.http.p50);
  note(figures, side, 'step completions routed (next step started)', 'steps/s', steps.routedPerSecond);
}

function report(figures: Figures, notes: string[]): string {
  const iso = startedAt.toISOString();
  const lines = [
    `# Single Redis vs Redis Cluster (${ROUNDS} rounds, ${SECONDS} s runs)`,
    '',
    `Run of ${iso.slice(0, 16)}Z, \`npm run bench:cluster\`. The same checkout against a single Redis and a local Redis`,
    'Cluster (3 masters + 3 replicas on this machine, QUEUE_PREFIX with a hash tag so every queue key lives on one',
    'master), each app with its own fresh database, rounds alternating which side goes first. Means over the rounds.',
    '',
    '| run | unit | single | cluster | cluster / single | p50 ms single → cluster |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...Object.entries(figures).map(([name, figure]) => {
      const [single, cluster] = [mean(figure.single), mean(figure.cluster)];
      const p50 = figure.p50?.single.length
        ? `${mean(figure.p50.single).toFixed(1)} → ${mean(figure.p50.cluster).toFixed(1)}`
        : '–';
      return `| ${name} | ${figure.unit} | ${single.toFixed(0)} | ${cluster.toFixed(0)} | ${(cluster / single).toFixed(2)} | ${p50} |`;
    }),
    '',
    ...notes.map((line) => `- ${line}`),
    '',
  ];
  const directory = join(ROOT, 'bench', 'results', iso.slice(0, 10));
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `cluster-${iso.slice(11, 16).replace(':', '')}.md`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function main(): Promise<void> {
  progress('starting Postgres, Redis and the local Redis Cluster');
  execFileSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'start'], { stdio: 'ignore' });
  execFileSync('bash', [join(ROOT, 'scripts', 'redis-cluster.sh'), 'start'], { stdio: 'ignore' });
  const nodes = execFileSync('bash', [join(ROOT, 'scripts', 'redis-cluster.sh'), 'env'], { encoding: 'utf8' });
  const clusterNodes = /REDIS_CLUSTER_NODES=(\S+)/.exec(nodes)![1].split(',');
  const baseUrl = environmentVariable('DATABASE_URL') ?? 'postgres://motcua:motcua@127.0.0.1:54329/motcua';
  const redisUrl = environmentVariable('REDIS_URL') ?? 'redis://127.0.0.1:63799';
  const port = Number(environmentVariable('BENCH_HTTP_PORT') ?? Number(environmentVariable('HTTP_PORT') ?? 3000) + 60);
  const stamp = startedAt.getTime().toString(36);
  const sides: Side[] = [];
  const figures: Figures = {};
  const notes: string[] = [];
  try {
    for (const [index, name] of (['single', 'cluster'] as const).entries()) {
      const settings: RedisSettings = {
        REDIS_URL: redisUrl,
        REDIS_CLUSTER_NODES: name === 'cluster' ? clusterNodes : [],
      };
      const prefix = name === 'cluster' ? `{benchc${stamp}}` : `benchs${stamp}`;
      const url = await freshDatabase(baseUrl, `motcua_bench_${name}`);
      progress(`starting the app on ${name} Redis (port ${port + 2 * index})`);
      const app = benchApp({
        name,
        databaseUrl: url,
        redisUrl,
        queuePrefix: prefix,
        port: port + 2 * index,
        profile: false,
        environment: name === 'cluster' ? { REDIS_CLUSTER_NODES: clusterNodes.join(',') } : {},
      });
      sides.push(await prepare({ name, settings, prefix, app }, url));
    }
    await findPostmaster(sides[0].pool);
    for (let index = 0; index < ROUNDS; index++)
      for (const side of index % 2 ? [...sides].reverse() : sides) {
        progress(`round ${index + 1}/${ROUNDS}: ${side.name}`);
        await round(side, figures);
      }
    for (const side of sides)
      notes.push(`SIGTERM to exit of the ${side.name} app: ${(await side.app.stop()).toFixed(1)} s.`);
    notes.push(
      `Load average at the end (1/5/15 min): ${loadavg()
        .map((value) => value.toFixed(2))
        .join(
          ' / ',
        )} on a shared 2-core machine (other sessions' builds and tests ran meanwhile): compare within the run only.`,
      'Closed loop, 16 clients; each app is one launcher process (API + workflow + payment + delivery) at info logging.',
    );
    const path = report(figures, notes);
    process.stdout.write(`report: ${path}\n`);
  } finally {
    for (const side of sides) {
      await side.pool.end().catch(() => undefined);
      await side.app.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
