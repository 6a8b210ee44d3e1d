import IORedis from 'ioredis';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { percentile } from '../bench-timing';
import { rssMiB } from './app-process';

/**
 * What the lifecycle runs need besides the runs themselves: pending timers in bulk and a lateness probe, memory per
 * process, and a large preload of stored dossiers with their events (COPY).
 */

/** Background pending timers due in 30–60 days (they load the timer table and its indexes, never fire). */
export async function addBackgroundTimers(pool: Pool, total: number): Promise<number> {
  const started = Date.now();
  for (let added = 0; added < total; added += 250_000) {
    await pool.query(
      `INSERT INTO deadline_timer (subject_type, subject_id, threshold_id, threshold_kind, recipients, deadline_version, due_at)
       SELECT 'step', gen_random_uuid(), 'background', 'budget-used', '{officer}', 1,
              now() + interval '30 days' + (g % 2592000) * interval '1 second'
       FROM generate_series(1, $1::int) AS g`,
      [Math.min(250_000, total - added)],
    );
  }
  await pool.query('ANALYZE deadline_timer');
  return (Date.now() - started) / 1000;
}

/**
 * Arms `count` probe timers due from `leadMs` ahead at `rate` per second, on idle dossiers (accepted earlier, no
 * step moving), the way arming writes them: a pending deadline_timer row at the dossier clock's current version and
 * its outbox row (delayed job due at the timer's instant). Returns the timer ids.
 */
export async function armProbeTimers(pool: Pool, count: number, rate: number, leadMs: number): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT id FROM deadline_timer WHERE threshold_id LIKE 'probe-%' ORDER BY id DESC LIMIT 1`,
  );
  const offset = rows.length ? Number(rows[0].id) : 0;
  const armed = await pool.query(
    `WITH subjects AS (
       SELECT c.subject_id, c.dossier_id, c.agency_id, c.deadline_version, row_number() OVER () - 1 AS n
       FROM deadline_clock c JOIN dossier d ON d.id = c.dossier_id
       WHERE c.subject_type = 'dossier' AND d.status IN ('accepted', 'processing') LIMIT 200),
     timers AS (
       INSERT INTO deadline_timer (subject_type, subject_id, dossier_id, agency_id, threshold_id, threshold_kind,
                                   recipients, deadline_version, due_at)
       SELECT 'dossier', s.subject_id, s.dossier_id, s.agency_id, 'probe-' || $4 || '-' || g, 'budget-used',
              '{officer}', s.deadline_version, now() + ($3 + g * 1000.0 / $2) * interval '1 millisecond'
       FROM generate_series(0, $1::int - 1) AS g
       JOIN subjects s ON s.n = g % (SELECT count(*) FROM subjects)
       RETURNING id, due_at)
     INSERT INTO outbox_message (queue, job_name, payload, dedupe_key, deliver_at)
     SELECT 'deadline', 'timer-due.v1', jsonb_build_object('timerId', id::text), 'timer-' || id, due_at FROM timers
     RETURNING (payload->>'timerId') AS id`,
    [count, rate, leadMs, offset],
  );
  return armed.rows.map((row) => String(row.id));
}

export interface TimerLateness {
  armed: number;
  fired: number;
  p50: number;
  p99: number;
  max: number;
  byJob: number;
  bySweeper: number;
}

/** Waits (up to `timeoutMs`) for the probe timers to fire, then their lateness (fired_at − due_at). */
export async function probeLateness(pool: Pool, ids: string[], timeoutMs: number): Promise<TimerLateness> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM deadline_timer WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      [ids],
    );
    if (rows[0].n === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { rows } = await pool.query(
    `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms, fired_by FROM deadline_timer
     WHERE id = ANY($1::bigint[]) AND status = 'fired'`,
    [ids],
  );
  const lateness = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
  return {
    armed: ids.length,
    fired: rows.length,
    p50: lateness.length ? percentile(lateness, 50) : NaN,
    p99: lateness.length ? percentile(lateness, 99) : NaN,
    max: lateness.length ? lateness[lateness.length - 1] : NaN,
    byJob: rows.filter((row) => row.fired_by === 'job').length,
    bySweeper: rows.filter((row) => row.fired_by === 'sweeper').length,
  };
}

export interface ProcessMemory {
  name: string;
  rssMiB: number;
}

/** Resident memory of the app, of Redis, and of Postgres (postmaster, the largest backend, and all together). */
export async function memoryPerProcess(
  appProcesses: Array<{ role: string; pid: number }>,
  postmaster: number | undefined,
  redisUrl: string,
) {
  const memory: ProcessMemory[] = appProcesses.map(({ role, pid }) => ({ name: `app: ${role}`, rssMiB: rssMiB(pid) }));
  const redis = new IORedis(redisUrl);
  try {
    const info = await redis.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    if (pid) memory.push({ name: 'Redis server', rssMiB: rssMiB(pid) });
  } finally {
    redis.disconnect();
  }
  if (postmaster) {
    const backends: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const parent = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        if (parent === postmaster) backends.push(rssMiB(Number(name)));
      } catch {
        // gone meanwhile
      }
    }
    memory.push({ name: 'Postgres postmaster', rssMiB: rssMiB(postmaster) });
    memory.push({ name: `Postgres largest of ${backends.length} children`, rssMiB: Math.max(0, ...backends) });
    // RSS counts shared buffers in every backend that touched them: the sum over-states the total.
    memory.push({
      name: 'Postgres children summed (shared buffers counted in each)',
      rssMiB: backends.reduce((a, b) => a + b, 0),
    });
  }
  return memory;
}

function psql(databaseUrl: string, sql: string, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql: ${stderr}`))));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/**
 * Preloads `count` stored (returned) dossiers, each with three events (received, accepted, returned), through COPY
 * FROM STDIN (psql), rows generated here in batches of 100,000. Codes, identities and sequences are unique; the
 * events' hashes are placeholders (the chain of a preloaded dossier is not what the run measures). Returns seconds.
 */
export async function preloadStored(pool: Pool, databaseUrl: string, count: number, first = 0): Promise<number> {
  const started = Date.now();
  const { rows } = await pool.query(
    `SELECT p.id AS procedure_id, u.agency_id FROM procedure p, app_user u WHERE p.code = '1.000775' AND u.username = 'desk.anbinh'`,
  );
  const { procedure_id: procedureId, agency_id: agencyId } = rows[0];
  // The dossier's own triggers (search name keys, supervision dirty marks) are off during the load: these rows are
  // closed and never searched by the runs; nothing else writes dossiers between the runs.
  await pool.query('ALTER TABLE dossier DISABLE TRIGGER USER');
  const batch = 100_000;
  for (let start = first; start < first + count; start += batch) {
    const size = Math.min(batch, first + count - start);
    const dossiers: string[] = [];
    const events: string[] = [];
    for (let index = start; index < start + size; index++) {
      const id = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
      const day = new Date(Date.UTC(2025, 0, 1) + (index % 600) * 86_400_000).toISOString();
      const applicant = JSON.stringify({
        name: `Trần Thị Lưu ${index}`,
        identityNumber: String(200_000_000_000 + index),
      }).replace(/"/g, '""');
      dossiers.push(
        `${id},PRELOAD-${index},${procedureId},${agencyId},in-person,returned,"${applicant}",Trần Thị Lưu ${index},${day},${day},${day},${day},2400,ND61-2018,x`,
      );
      ['received', 'accepted', 'result-returned'].forEach((type, sequence) =>
        events.push(`${id},${sequence + 1},${type},{},${day},preload,preload-${index}-${sequence},1`),
      );
    }
    await psql(
      databaseUrl,
      `COPY dossier (id, code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
                     counting_started_at, appointment_at, original_appointment_at, legal_time_minutes, rule_set_id,
                     lookup_secret_hash) FROM STDIN (FORMAT csv)`,
      `${dossiers.join('\n')}\n`,
    );
    await psql(
      databaseUrl,
      `COPY dossier_event (dossier_id, sequence, type, payload, occurred_at, previous_hash, hash, tx_order) FROM STDIN (FORMAT csv)`,
      `${events.join('\n')}\n`,
    );
  }
  await pool.query('ALTER TABLE dossier ENABLE TRIGGER USER');
  // tx_order 1: older than every subscriber's cursor, so the event subscribers do not replay the preload.
  for (const table of ['dossier', 'dossier_event']) {
    execFileSync('psql', [databaseUrl, '-qc', `VACUUM ANALYZE ${table}`], { stdio: 'ignore' });
  }
  return (Date.now() - started) / 1000;
}
