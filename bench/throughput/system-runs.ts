import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, postgresCpuSeconds } from './app-process';
import { closedLoop, HttpClient, LoadResult } from './load';

/** A system run's result plus what the app process spent on it. */
export interface SystemResult extends LoadResult {
  /** App CPU (all its processes) over the run, in % of one core. */
  appCpuPercent: number;
  appRssMiB: number;
  /** App CPU milliseconds per completed operation (robust to a busy machine, unlike rates). */
  appCpuMsPerOperation: number;
  /** Postgres server CPU milliseconds per completed operation (NaN when the server is not local). */
  databaseCpuMsPerOperation: number;
}

let postmaster: number | undefined;

/** The postmaster found by findPostmaster (undefined when the server is not local). */
export function postmasterPid(): number | undefined {
  return postmaster;
}

/** The local Postgres server's postmaster pid (from its data directory), for its CPU time. */
export async function findPostmaster(pool: Pool): Promise<void> {
  try {
    const { rows } = await pool.query('SHOW data_directory');
    postmaster = Number(readFileSync(join(rows[0].data_directory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    postmaster = undefined;
  }
}

/** The seeded sequential land procedure (1.000775): desk task → land registry → tax connector → ... */
export const BENCH_PROCEDURE_CODE = '1.000775';

export interface Desk {
  username: string;
  agencyId: string;
  token: string;
}

export async function login(client: HttpClient, username: string, password: string): Promise<string> {
  const response = await client.expect(200, 'POST', '/auth/login', { username, password });
  return (JSON.parse(response.body) as { accessToken: string }).accessToken;
}

/** Runs `load` while sampling the app's CPU time and memory. */
export async function measured(app: AppProcess, load: () => Promise<LoadResult>): Promise<SystemResult> {
  const cpuBefore = app.cpuSeconds();
  const databaseBefore = postmaster ? postgresCpuSeconds(postmaster) : NaN;
  const result = await load();
  const cpu = app.cpuSeconds() - cpuBefore;
  const database = postmaster ? postgresCpuSeconds(postmaster) - databaseBefore : NaN;
  return {
    ...result,
    appCpuPercent: (100 * cpu) / result.seconds,
    appRssMiB: app.rssMiB(),
    appCpuMsPerOperation: (1000 * cpu) / result.operations,
    databaseCpuMsPerOperation: (1000 * database) / result.operations,
  };
}

export function healthRun(app: AppProcess, concurrency: number, seconds: number): Promise<SystemResult> {
  return measured(app, () => closedLoop(concurrency, seconds, () => app.client.expect(200, 'GET', '/health/live')));
}

let applicantNumber = 0;

export function intakeBody(procedureId: string): unknown {
  applicantNumber++;
  return {
    procedureId,
    channel: 'in-person',
    outcome: 'accept',
    applicant: {
      name: `Nguyễn Văn Thử ${applicantNumber}`,
      identityNumber: String(1_000_000_000_00 + applicantNumber).padStart(12, '0'),
      address: 'Số 1 đường Thử, xã An Hòa',
      phone: '0912345678',
    },
    documents: [
      { code: 'DON', form: 'original', count: 1 },
      { code: 'GTNG', form: 'certified-copy', count: 1 },
    ],
  };
}

/** Desk intakes (accept) spread over `desks`: each worker stays with one desk. */
export function intakeRun(
  app: AppProcess,
  desks: Desk[],
  procedureId: string,
  concurrency: number,
  seconds: number,
): Promise<SystemResult> {
  return measured(app, () =>
    closedLoop(concurrency, seconds, (worker) =>
      app.client.expect(201, 'POST', '/dossiers', intakeBody(procedureId), {
        authorization: `Bearer ${desks[worker % desks.length].token}`,
        'idempotency-key': `bench-${randomUUID()}`,
      }),
    ),
  );
}

export interface StepRunResult {
  http: SystemResult;
  /** Completions per second until routing had started the next step of every completed one. */
  routedPerSecond: number;
  routingLagSeconds: number;
  tasks: number;
}

/** Waits until routing opened the first (desk) step of every accepted dossier of the desk's agency. */
export async function waitForDeskTasks(pool: Pool, agencyId: string, timeoutSeconds = 300): Promise<number> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM dossier WHERE receiving_agency_id = $1 AND status = 'accepted')::int AS accepted,
              (SELECT count(*) FROM step_task WHERE agency_id = $1 AND step_id = 'desk')::int AS desk_tasks`,
      [agencyId],
    );
    if (rows[0].desk_tasks >= rows[0].accepted) return rows[0].desk_tasks;
    if (Date.now() > deadline) throw new Error(`routing did not open desk steps: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * HTTP step completions of open desk steps (approve), `concurrency` clients, then the time until routing started
 * the next step (land registry) of every one of them: the rate with routing keeping up.
 */
export async function stepCompletionRun(
  app: AppProcess,
  pool: Pool,
  desk: Desk,
  concurrency: number,
  seconds: number,
  routingWaitSeconds = 300,
): Promise<StepRunResult> {
  const { rows: tasks } = await pool.query(
    `SELECT id, version FROM step_task WHERE agency_id = $1 AND step_id = 'desk' AND status = 'open' ORDER BY run_order`,
    [desk.agencyId],
  );
  const { rows: before } = await pool.query(`SELECT count(*)::int AS n FROM step_task WHERE step_id = 'land-registry'`);
  const start = Date.now();
  const http = await measured(app, () =>
    closedLoop(
      concurrency,
      seconds,
      (_worker, index) =>
        app.client.expect(
          200,
          'POST',
          `/inbox/steps/${tasks[index].id}/complete`,
          { outcome: 'approve', version: tasks[index].version },
          { authorization: `Bearer ${desk.token}` },
        ),
      tasks.length,
    ),
  );
  const target = before[0].n + http.operations;
  const httpEnd = Date.now();
  for (;;) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM step_task WHERE step_id = 'land-registry'`);
    if (rows[0].n >= target) break;
    if (Date.now() - httpEnd > routingWaitSeconds * 1000)
      throw new Error(`routing did not keep up within ${routingWaitSeconds} s: ${rows[0].n} of ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const routedSeconds = (Date.now() - start) / 1000;
  return {
    http,
    routedPerSecond: http.operations / routedSeconds,
    routingLagSeconds: (Date.now() - httpEnd) / 1000,
    tasks: tasks.length,
  };
}
