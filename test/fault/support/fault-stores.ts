import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { waitFor } from '../../support/test-config';
import { CRASH_TAIL_LINES } from './fault-processes';

const run = promisify(execFile);
const IS_ROOT = process.getuid?.() === 0;

function postgresBin(): string {
  for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (bash scripts/services.sh start installs them)');
}

/** Postgres refuses to run as root: as root, its binaries run as the 'postgres' system user (like scripts/services.sh). */
async function asPostgres(command: string, args: string[]): Promise<string> {
  const [file, argv] = IS_ROOT ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const { stdout } = await run(file, argv, { maxBuffer: 1 << 20 });
  return stdout;
}

/**
 * The harness's own PostgreSQL cluster (data under .local/fault/, a loopback port of its own). Stopped fast
 * (`-m fast`: clean shutdown) or immediately (`-m immediate`: a crash, recovery from WAL at the next start).
 */
export class FaultPostgres {
  private readonly bin = postgresBin();
  readonly dataDir: string;

  constructor(
    private readonly root: string,
    readonly port: number,
  ) {
    this.dataDir = join(root, 'pg');
  }

  get url(): string {
    return `postgres://motcua:motcua@127.0.0.1:${this.port}/motcua_fault`;
  }

  async start(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    if (IS_ROOT) {
      // The postgres user must reach the data folder: add search (o+x) to each ancestor, keeping its other bits. Never
      // set a whole mode here: under /tmp that dropped the sticky, world-writable bits and Postgres could no longer
      // create its socket lock file in /tmp (the fresh-clone CI runs from /tmp).
      for (let dir = this.root; dir !== '/'; dir = dirname(dir)) chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o001);
    }
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) {
      mkdirSync(this.dataDir, { recursive: true });
      if (IS_ROOT) await run('chown', ['postgres', this.dataDir, this.root]);
      chmodSync(this.dataDir, 0o700);
      const passwordFile = join(this.root, 'pwfile');
      writeFileSync(passwordFile, 'motcua\n', { mode: 0o644 });
      await asPostgres(join(this.bin, 'initdb'), [
        '-D',
        this.dataDir,
        '-U',
        'motcua',
        `--pwfile=${passwordFile}`,
        '-A',
        'scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
      rmSync(passwordFile);
    }
    // A cluster left running by an interrupted run of the harness (its own data folder): stopped first.
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate');
    await this.pgCtl('start');
  }

  private async pgCtl(action: 'start' | 'stop', mode?: 'fast' | 'immediate'): Promise<void> {
    const options = `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB -c fsync=on`;
    await asPostgres(join(this.bin, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      join(this.root, 'postgres.log'),
      '-w',
      '-t',
      '60',
      ...(action === 'start' ? ['-o', options] : ['-m', mode ?? 'fast']),
      action,
    ]);
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.pgCtl('stop', mode).catch(() => undefined);
  }

  /** Stops (fast or immediate) and starts again: what a failover or a crash-restart looks like to the services. */
  async restart(mode: 'fast' | 'immediate'): Promise<void> {
    await this.pgCtl('stop', mode);
    await this.pgCtl('start');
  }

  /** A fresh, empty `motcua_fault` database for this run. */
  async recreateDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.url.replace('/motcua_fault', '/postgres') });
    await client.connect();
    try {
      await client.query('DROP DATABASE IF EXISTS motcua_fault WITH (FORCE)');
      await client.query('CREATE DATABASE motcua_fault');
    } finally {
      await client.end();
    }
  }
}

/**
 * The harness's own Redis (AOF everysec, noeviction, like scripts/services.sh) as a child process of the harness,
 * so it can be killed by pid (-9: the AOF brings back what was fsynced), shut down gracefully, or flushed.
 */
export class FaultRedis {
  private child: ChildProcess | undefined;
  private readonly dir: string;
  /** Exits the harness did not cause, with the end of redis.log. */
  readonly crashes: string[] = [];
  private readonly expectedExits = new WeakSet<ChildProcess>();

  constructor(
    root: string,
    readonly port: number,
  ) {
    this.dir = join(root, 'redis');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(options: { fresh?: boolean } = {}): Promise<void> {
    if (options.fresh) rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
        '--logfile',
        join(this.dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.expectedExits.has(child)) return;
      let log = '(no redis.log)';
      try {
        log = readFileSync(join(this.dir, 'redis.log'), 'utf8').split('\n').slice(-CRASH_TAIL_LINES).join('\n');
      } catch {
        // the log is gone with its folder
      }
      this.crashes.push(
        `redis-server (pid ${child.pid}) exited (${code ?? signal}) on its own; the end of redis.log:\n${log}`,
      );
    });
    await waitFor('redis to answer PING', async () => (await this.cli('PING').catch(() => '')) === 'PONG', 20000, 50);
  }

  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...args]);
    return stdout.trim();
  }

  private async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  }

  /** kill -9: whatever the AOF had not fsynced (up to a second) is lost. */
  async kill(): Promise<void> {
    if (this.child) this.expectedExits.add(this.child);
    this.child?.kill('SIGKILL');
    await this.exited();
  }

  /** SHUTDOWN: a clean stop (AOF flushed). */
  async shutdown(): Promise<void> {
    if (this.child) this.expectedExits.add(this.child);
    await this.cli('SHUTDOWN').catch(() => undefined);
    await this.exited();
  }

  async flushAll(): Promise<void> {
    await this.cli('FLUSHALL');
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    await this.shutdown();
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill();
  }
}
