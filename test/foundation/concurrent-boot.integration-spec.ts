import { processEnvironment } from '@motcua/config';
import { MIGRATIONS } from '@motcua/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig, waitFor } from '../support/test-config';

const ROOT = join(__dirname, '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

async function freePort(): Promise<number> {
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

describe('two API processes booting at once on an empty database', () => {
  const config = testConfig();
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first (npm test does)`);
    database = await createTestDatabase(config.DATABASE_URL, { empty: true });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
      ),
    );
    await database.drop();
  });

  it('migrates exactly once and both start', async () => {
    const ports = [await freePort(), await freePort()];
    const outputs = ['', ''];
    ports.forEach((port, index) => {
      const child = spawn(process.execPath, [API_MAIN], {
        env: {
          ...processEnvironment(),
          NODE_ENV: 'test',
          DATABASE_URL: database.url,
          REDIS_URL: config.REDIS_URL,
          QUEUE_PREFIX: config.QUEUE_PREFIX,
          HTTP_PORT: String(port),
          MIGRATIONS_RUN_AT_BOOT: 'true',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk) => (outputs[index] += chunk));
      child.stderr?.on('data', (chunk) => (outputs[index] += chunk));
      children.push(child);
    });

    for (const port of ports) {
      await waitFor(
        `API on port ${port} to answer /health/live`,
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined);
          return response?.status === 200;
        },
        60000,
        100,
      ).catch((error) => {
        throw new Error(`${error.message}\n--- process output ---\n${outputs.join('\n---\n')}`);
      });
    }

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name');
    await client.end();
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    // One process ran the migrations; the other waited on the advisory lock and found the schema up to date.
    const ran = outputs.filter((output) => output.includes('ran migrations')).length;
    const upToDate = outputs.filter((output) => output.includes('schema up to date')).length;
    expect({ ran, upToDate }).toEqual({ ran: 1, upToDate: 1 });
  });
});
