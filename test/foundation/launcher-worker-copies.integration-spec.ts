import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { TestDatabase } from '../support/database';
import { testConfig, waitFor } from '../support/test-config';
import { BuiltProcess, freePort, LAUNCHER_MAIN, seededDatabase, waitUntilReady } from './support/built-launcher';

const SHUTDOWN_TIMEOUT_MS = 10000;
/** Time allowed beyond the bound for the processes to be reaped and reported (not a performance budget). */
const REAPING_MARGIN_MS = 5000;

/** The child processes of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/** Whether a process is still running (an exited one waiting to be reaped counts as stopped). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

/** The launcher's only worker copy, once it has been forked. */
async function onlyCopy(launcher: BuiltProcess): Promise<number> {
  let copies: number[] = [];
  await waitFor(
    'the worker copy to be forked',
    async () => (copies = childrenOf(launcher.child.pid!)).length > 0,
    30000,
    100,
  );
  expect(copies).toHaveLength(1);
  return copies[0];
}

describe('the launcher with MOTCUA_WORKER_PROCESSES=1: the API here, the workers in a forked copy (issue 16)', () => {
  const base = testConfig();
  let database: TestDatabase;
  let client: Client;
  let port: number;
  const launchers: BuiltProcess[] = [];

  const start = () => {
    const launcher = BuiltProcess.start(LAUNCHER_MAIN, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: base.REDIS_URL,
      QUEUE_PREFIX: base.QUEUE_PREFIX,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      MIGRATIONS_RUN_AT_BOOT: 'false',
      MAIL_EMBEDDED_SMTP_ENABLED: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      MOTCUA_WORKER_PROCESSES: '1',
    });
    launchers.push(launcher);
    return launcher;
  };

  /** A desk intake over HTTP, then the dossier's first step opened by routing (a worker service). */
  const intakeRouted = async (authorization: string, procedureId: string, key: string) => {
    const reply = await fetch(`http://127.0.0.1:${port}/dossiers`, {
      method: 'POST',
      headers: { authorization, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureId,
        channel: 'in-person',
        outcome: 'accept',
        applicant: { name: 'Trần Thị Bình', identityNumber: '001090012345', address: 'xã An Hòa', phone: '0912345678' },
        documents: [
          { code: 'DON', form: 'original', count: 1 },
          { code: 'GTNG', form: 'certified-copy', count: 1 },
        ],
      }),
    });
    expect(reply.status).toBe(201);
    const { id } = (await reply.json()) as { id: string };
    await waitFor(
      'routing to open the first step',
      async () => (await client.query('SELECT 1 FROM step_task WHERE dossier_id = $1', [id])).rowCount! > 0,
      30000,
      100,
    );
  };

  beforeAll(async () => {
    database = await seededDatabase(base.DATABASE_URL);
    client = new Client({ connectionString: database.url });
    await client.connect();
    port = await freePort();
  });

  afterAll(async () => {
    for (const launcher of launchers) launcher.kill();
    await client?.end();
    await database?.drop();
  });

  it('routes through the copy, forks it again when it dies, and stops it with itself on SIGTERM', async () => {
    const launcher = start();
    await waitUntilReady(launcher, port);
    const copy = await onlyCopy(launcher);
    expect(launcher.output).toContain(`worker copy 1 (pid ${copy}) runs workflow, payment, delivery`);
    expect(launcher.output).toMatch(/running worker copies \(workflow, payment, delivery\), api/);

    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'desk.anbinh', password: 'demo-desk-anbinh' }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const { rows } = await client.query(`SELECT id FROM procedure WHERE code = '1.000775'`);
    await intakeRouted(authorization, rows[0].id, 'copies-1');

    // A crashed copy is forked again and routing resumes through the new one.
    process.kill(copy, 'SIGKILL');
    await waitFor(
      'the copy to be forked again',
      async () => childrenOf(launcher.child.pid!).some((pid) => pid !== copy),
      30000,
      100,
    );
    const second = await onlyCopy(launcher);
    expect(second).not.toBe(copy);
    expect(launcher.output).toContain(`worker copy 1 (pid ${copy}) exited (SIGKILL); starting it again`);
    await waitUntilReady(launcher, port);
    await intakeRouted(authorization, rows[0].id, 'copies-2');

    launcher.child.kill('SIGTERM');
    const exit = await launcher.exitWithin(SHUTDOWN_TIMEOUT_MS + REAPING_MARGIN_MS);
    expect(exit).toEqual({ code: 0, signal: null });
    await waitFor('the copy to have stopped', async () => !alive(second), REAPING_MARGIN_MS, 50);
    expect(launcher.output).toContain('shutdown: worker copies (workflow, payment, delivery) closed');
  });

  it('a copy whose launcher was killed outright stops by itself', async () => {
    const launcher = start();
    await waitUntilReady(launcher, port);
    const copy = await onlyCopy(launcher);
    launcher.child.kill('SIGKILL');
    await launcher.exitWithin(REAPING_MARGIN_MS);
    await waitFor('the orphaned copy to stop', async () => !alive(copy), SHUTDOWN_TIMEOUT_MS + REAPING_MARGIN_MS, 100);
    expect(launcher.output).toContain('the launcher is gone; stopping');
  });
});
