import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestDatabase } from '../support/database';
import { testConfig, waitFor } from '../support/test-config';
import { BuiltProcess, freePort, LAUNCHER_MAIN, seededDatabase, ROOT, waitUntilReady } from './support/built-launcher';

const SHUTDOWN_TIMEOUT_MS = 10000;
/** Time allowed beyond the bound for the process to be reaped and reported (not a performance budget). */
const REAPING_MARGIN_MS = 5000;
const LOAD_CLIENTS = 12;

interface Reply {
  status: number;
  body: string;
}

/** One request over a keep-alive agent (the way load generators and proxies hold connections open). */
function call(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  return new Promise<Reply>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

describe('graceful shutdown of the built launcher under load (issue 10)', () => {
  const base = testConfig();
  let database: TestDatabase;
  let client: Client;
  const launchers: BuiltProcess[] = [];
  let port: number;

  const environment = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: base.REDIS_URL,
    QUEUE_PREFIX: base.QUEUE_PREFIX,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    MIGRATIONS_RUN_AT_BOOT: 'false',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    // Generous limits: the load below is one desk officer from one address.
    USER_THROTTLE_LIMIT: '100000',
  });
  const start = () => {
    const launcher = BuiltProcess.start(LAUNCHER_MAIN, environment());
    launchers.push(launcher);
    return launcher;
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

  it('stops taking work, finishes or hands back in-flight jobs, exits within the bound; nothing acknowledged is lost', async () => {
    const launcher = start();
    await waitUntilReady(launcher, port);
    const agent = new Agent({ keepAlive: true, maxSockets: LOAD_CLIENTS });
    const login = await call(
      agent,
      port,
      'POST',
      '/auth/login',
      {},
      {
        username: 'desk.anbinh',
        password: 'demo-desk-anbinh',
      },
    );
    expect(login.status).toBe(200);
    const authorization = `Bearer ${JSON.parse(login.body).accessToken}`;
    const procedures = JSON.parse(
      (await call(agent, port, 'GET', '/procedures?pageSize=100', { authorization })).body,
    ) as { items: Array<{ id: string; code: string }> };
    const procedureId = procedures.items.find((procedure) => procedure.code === '1.000775')!.id;

    // Load: clients posting intakes back to back on keep-alive connections, before, during and after SIGTERM.
    const acknowledged: string[] = [];
    let refused = 0;
    let stopLoad = false;
    let sequence = 0;
    const loadClient = async () => {
      while (!stopLoad) {
        const key = `shutdown-${++sequence}`;
        try {
          const reply = await call(
            agent,
            port,
            'POST',
            '/dossiers',
            { authorization, 'idempotency-key': key },
            {
              procedureId,
              channel: 'in-person',
              applicant: {
                name: 'Nguyễn Văn An',
                identityNumber: '001090012345',
                address: 'xã An Hòa',
                phone: '0912345678',
              },
              documents: [
                { code: 'DON', form: 'original', count: 1 },
                { code: 'GTNG', form: 'certified-copy', count: 1 },
              ],
              outcome: 'accept',
            },
          );
          if (reply.status === 201) acknowledged.push(JSON.parse(reply.body).id);
          else refused++;
        } catch {
          refused++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const load = Array.from({ length: LOAD_CLIENTS }, () => loadClient());
    await waitFor('intakes to be acknowledged under load', async () => acknowledged.length >= 40, 60000, 50);

    launcher.child.kill('SIGTERM');
    const exit = await launcher.exitWithin(SHUTDOWN_TIMEOUT_MS + REAPING_MARGIN_MS).finally(() => {
      stopLoad = true;
    });
    await Promise.all(load);
    agent.destroy();

    const shutdownLog = launcher.output.split('\n').filter((line) => line.includes('"msg":"shutdown:'));
    process.stdout.write(`${shutdownLog.map((line) => JSON.parse(line).msg).join('\n')}\n`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(launcher.output).toMatch(/"msg":"shutdown: SIGTERM received/);
    expect(launcher.output).toMatch(/"msg":"shutdown: complete in \d+ ms"/);
    expect(refused).toBeGreaterThan(0); // the load went on past SIGTERM and was turned away

    // Every acknowledged intake is in Postgres with its outbox row, consumed or pending for the next start.
    const stored = await client.query(`SELECT id FROM dossier WHERE id = ANY($1::uuid[])`, [acknowledged]);
    expect(stored.rowCount).toBe(acknowledged.length);

    // The next start routes every one of them: nothing was lost between Postgres and the queues.
    const restarted = start();
    await waitUntilReady(restarted, port);
    await waitFor(
      'every acknowledged dossier to be routed to its first step',
      async () => {
        const routed = await client.query(
          `SELECT count(DISTINCT dossier_id)::int AS n FROM step_task WHERE dossier_id = ANY($1::uuid[])`,
          [acknowledged],
        );
        return routed.rows[0].n === acknowledged.length;
      },
      60000,
      200,
    );

    // `npm run down` stops the app process it finds in the pid file (then Postgres and Redis).
    const directory = mkdtempSync(join(tmpdir(), 'motcua-pid-'));
    try {
      const pidFile = join(directory, 'motcua.pid');
      writeFileSync(pidFile, String(restarted.child.pid));
      execFileSync('bash', [join(ROOT, 'scripts', 'stop-app.sh')], {
        env: { ...process.env, MOTCUA_PID_FILE: pidFile },
        stdio: 'pipe',
      });
      // The script returns only once the process is gone (its exit event reaches this test a moment later).
      const stopped = await restarted.exitWithin(REAPING_MARGIN_MS);
      if (stopped.code !== 0) throw new Error(`exit ${stopped.code}\n${restarted.tail(30)}`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
