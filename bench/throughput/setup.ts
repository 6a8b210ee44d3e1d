import { environmentVariable } from '@motcua/config';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppProcess, TS_REGISTER } from './app-process';

export const ROOT = join(__dirname, '..', '..');

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function childEnvironment(): Record<string, string> {
  return Object.fromEntries(
    ['PATH', 'HOME', 'LANG', 'TZ'].flatMap((key) => {
      const value = environmentVariable(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
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
 * The sources of another commit, for before/after runs: `git archive` into .local/bench-checkouts/<sha> (once).
 * Modules resolve from this repository's node_modules (parent directories).
 */
export function checkout(ref: string): { root: string; sha: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = join(ROOT, '.local', 'bench-checkouts', sha);
  if (!existsSync(join(root, 'package.json'))) {
    mkdirSync(root, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${sha} | tar -x -C ${root}`], { cwd: ROOT });
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
      NATIONAL_PORTAL_SYNC_ENABLED: 'false',
      LOG_LEVEL: environmentVariable('BENCH_LOG_LEVEL') ?? 'info',
    },
    port,
    join(tmpdir(), `motcua-bench-${queuePrefix}-${name}.log`),
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.local', 'profiles', name)}`] : [],
    options.root,
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
