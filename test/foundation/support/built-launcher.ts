import { processEnvironment } from '@motcua/config';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { waitFor } from '../../support/test-config';

export const ROOT = join(__dirname, '..', '..', '..');
export const LAUNCHER_MAIN = join(ROOT, 'dist', 'apps', 'launcher', 'src', 'main.js');
export const SEED_MAIN = join(ROOT, 'dist', 'libs', 'persistence', 'src', 'cli', 'seed.js');

export function requireBuild(): void {
  for (const file of [LAUNCHER_MAIN, SEED_MAIN])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A built process started as a child (`node dist/...`), with its output collected. */
export class BuiltProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(main: string, environment: Record<string, string>): BuiltProcess {
    return new BuiltProcess(
      spawn(process.execPath, [main], {
        env: { ...processEnvironment(), ...environment },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit, or rejects when the process is still running after `withinMs`. */
  async exitWithin(withinMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.exited,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`still running ${withinMs} ms later\n--- output ---\n${this.tail()}`)),
            withinMs,
          );
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

/** Waits until the launcher answers /health/ready (Postgres, Redis and a canary job through a worker). */
export async function waitUntilReady(launcher: BuiltProcess, port: number, timeoutMs = 90000): Promise<void> {
  await waitFor(
    `launcher on port ${port} to be ready`,
    async () => {
      if (!launcher.running) throw new Error(`launcher exited\n${launcher.tail()}`);
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      return response?.status === 200;
    },
    timeoutMs,
    200,
  ).catch((error) => {
    throw new Error(`${(error as Error).message}\n--- output ---\n${launcher.tail()}`);
  });
}

/** A fresh test database with the demo data written by the built seed CLI (agencies, procedures, users). */
export async function seededDatabase(baseUrl: string): Promise<TestDatabase> {
  requireBuild();
  const database = await createTestDatabase(baseUrl);
  const seeded = spawnSync(process.execPath, [SEED_MAIN], {
    env: { ...processEnvironment(), NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stdout}${seeded.stderr}`);
  return database;
}
