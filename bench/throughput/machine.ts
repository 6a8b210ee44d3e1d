import IORedis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { Pool } from 'pg';

/** What the numbers were measured on: CPU, memory, load, engine versions and their key settings, the commit. */
export async function machineFacts(pool: Pool, redisUrl: string): Promise<Record<string, string>> {
  const cores = cpus();
  const settings = await pool.query(
    `SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'max_connections', 'fsync')`,
  );
  const redis = new IORedis(redisUrl);
  const info = await redis.info('server');
  const persistence = await redis.config('GET', 'appendonly');
  redis.disconnect();
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    CPU: `${cores.length} × ${cores[0]?.model ?? 'unknown'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    'load average at the end (1/5/15 min)': loadavg()
      .map((value) => value.toFixed(2))
      .join(' / '),
    kernel: release(),
    Node: process.version,
    Postgres: String((await pool.query('SHOW server_version')).rows[0].server_version),
    'Postgres settings': settings.rows.map((row) => `${row.name}=${row.setting}`).join(', '),
    Redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    'Redis appendonly': String((persistence as string[])[1]),
    commit,
  };
}
