import { environmentVariable } from '@motcua/config';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppLayout, AppProcess, TS_REGISTER } from './app-process';
import { BENCH_PROCEDURE_CODE, Desk, login } from './system-runs';

export const ROOT = join(__dirname, '..', '..');

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Transpiled sources of every checkout the bench runs, shared (see ts-cached-register.js). */
export const TS_CACHE = join(ROOT, '.local', 'ts-cache');

function childEnvironment(): Record<string, string> {
  return {
    ...Object.fromEntries(
      ['PATH', 'HOME', 'LANG', 'TZ'].flatMap((key) => {
        const value = environmentVariable(key);
        return value === undefined ? [] : [[key, value]];
      }),
    ),
    MOTCUA_TS_CACHE: TS_CACHE,
  };
}

/** Drops and recreates a database, migrates and seeds the demo data with the given checkout's own code. */
export async function freshDatabase(baseUrl: string, name: string, root = ROOT): Promise<string> {
  const admin = new Pool({ connectionString: databaseUrl(baseUrl, 'postgres'), max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(baseUrl, name);
  execFileSync(process.execPath, ['-r', TS_REGISTER, 'libs/persistence/src/cli/seed.ts'], {
    cwd: root,
    env: { ...childEnvironment(), DATABASE_URL: url },
    stdio: 'ignore',
  });
  // Statement statistics when the server preloads pg_stat_statements (reported, optional).
  const pool = new Pool({ connectionString: url, max: 1 });
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
  await pool.end();
  return url;
}

/**
 * Another commit's checkout, for before/after runs: a detached git worktree under .local/bench-worktrees/<sha>
 * (created once) with a hard-linked copy of this checkout's node_modules (as /work/wt/new-worktree.sh does), so
 * the other commit runs exactly its own sources, migrations and seed.
 */
export function checkout(ref: string): { root: string; sha: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = join(ROOT, '.local', 'bench-worktrees', sha);
  if (!existsSync(join(root, 'package.json'))) {
    mkdirSync(join(ROOT, '.local', 'bench-worktrees'), { recursive: true });
    execFileSync('git', ['worktree', 'add', '--detach', '--force', root, sha], { cwd: ROOT, stdio: 'ignore' });
  }
  if (!existsSync(join(root, 'node_modules'))) {
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(root, 'node_modules')]);
  }
  return { root, sha };
}

/** The launcher as the bench runs it: its own database and queue prefix, production logging, no throttling. */
export function benchApp(options: {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  profile: boolean;
  root?: string;
  /** Extra settings (the lifecycle run's sandbox latencies, ...). */
  environment?: Record<string, string>;
  /** One launcher process (default) or the API and the workers in two. */
  layout?: AppLayout;
}): AppProcess {
  const { name, port, queuePrefix } = options;
  return new AppProcess(
    {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      HTTP_PORT: String(port),
      MAIL_SMTP_URL: `smtp://127.0.0.1:${port + 1}`,
      MAILBOX_DIR: join(tmpdir(), `motcua-bench-mailbox-${queuePrefix}`),
      DATA_DIR: join(tmpdir(), `motcua-bench-data-${queuePrefix}`),
      MIGRATIONS_RUN_AT_BOOT: 'false',
      USER_THROTTLE_LIMIT: '100000000',
      // The lifecycle's citizens pay from one address (the bench): the per-IP public limit would throttle them.
      PUBLIC_THROTTLE_LIMIT: '100000000',
      // Each lifecycle run signs its actors in again: short runs on a quiet machine passed 10 logins a minute.
      LOGIN_THROTTLE_LIMIT: '100000000',
      NATIONAL_PORTAL_SYNC_ENABLED: 'false',
      LOG_LEVEL: environmentVariable('BENCH_LOG_LEVEL') ?? 'info',
      MOTCUA_TS_CACHE: TS_CACHE,
      ...options.environment,
    },
    port,
    join(tmpdir(), `motcua-bench-${queuePrefix}-${name}.log`),
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.local', 'profiles', name)}`] : [],
    options.root,
    options.layout,
  );
}

/** Top statements by total time since the last reset (pg_stat_statements), or [] when it is not loaded. */
export async function topStatements(
  pool: Pool,
  limit = 12,
): Promise<Array<{ calls: number; totalMs: number; meanMs: number; query: string }>> {
  try {
    const { rows } = await pool.query(
      `SELECT calls::int, total_exec_time AS total, mean_exec_time AS mean, query FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      calls: row.calls,
      totalMs: Number(row.total),
      meanMs: Number(row.mean),
      query: String(row.query).replace(/\s+/g, ' ').slice(0, 160),
    }));
  } catch {
    return [];
  }
}

/** Statements executed in this database since the last reset (pg_stat_statements), or NaN. */
export async function statementCalls(pool: Pool): Promise<number> {
  try {
    const { rows } = await pool.query(
      `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return Number(rows[0].calls);
  } catch {
    return NaN;
  }
}

export async function resetStatements(pool: Pool): Promise<void> {
  await pool.query('SELECT pg_stat_statements_reset()').catch(() => undefined);
}

/** An app under test with its database pool, signed-in desks and the bench procedure. */
export interface Target {
  label: string;
  app: AppProcess;
  pool: Pool;
  desks: Desk[];
  procedureId: string;
}

export async function prepareTarget(label: string, app: AppProcess, url: string): Promise<Target> {
  await app.start();
  const pool = new Pool({ connectionString: url, max: 2 });
  const procedureId = (await pool.query(`SELECT id FROM procedure WHERE code = $1`, [BENCH_PROCEDURE_CODE])).rows[0].id;
  const desks: Desk[] = [];
  for (const username of ['desk.anbinh', 'desk.centre']) {
    const token = await login(app.client, username, `demo-${username.replace('.', '-')}`);
    const { rows } = await pool.query(`SELECT agency_id FROM app_user WHERE username = $1`, [username]);
    desks.push({ username, agencyId: rows[0].agency_id, token });
  }
  return { label, app, pool, desks, procedureId };
}
