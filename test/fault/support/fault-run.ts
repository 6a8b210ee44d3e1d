import { loadavg } from 'node:os';
import { checkInvariants, CheckResult } from './fault-checker';
import { Fault, FAULT_KINDS, FaultKind, FAULTS, QUICK_FAULT_KINDS } from './fault-catalog';
import { DEMO } from './fault-http';
import { FaultLoad } from './fault-load';
import { FaultWorld, startFaultWorld } from './fault-world';
import { SeededRandom } from './seeded-random';

export interface FaultRunOptions {
  mode: 'quick' | 'full';
  seed: number;
  workers: number;
  inFlight: number;
  /** How many times each kind is injected (quick), or the total number of faults (full: kinds in seeded rounds). */
  faults: FaultKind[];
  warmupMs: number;
  drainTimeoutMs: number;
  recoveryBoundMs: number;
  /** Overrides of the catalog (the broken-consumer test injects nothing). */
  catalog?: Partial<Record<FaultKind, Fault>>;
  /** Redis Cluster mode (3 masters + 3 replicas) instead of one Redis; see kindsForRedis. */
  redis?: 'single' | 'cluster';
  log?: (line: string) => void;
}

export interface InjectedFault {
  index: number;
  kind: FaultKind;
  at: number;
  detail: string;
  problems: string[];
  downMs: number;
  recoveryMs: number | null;
}

export interface FaultRunResult {
  options: FaultRunOptions;
  startedAt: Date;
  durationMs: number;
  injected: InjectedFault[];
  check: CheckResult;
  dossiersCreated: number;
  answers: Record<string, number>;
  baselinePerMinute: number;
  afterHealingPerMinute: number;
  crashedProcesses: string[];
  /** Error-level log lines of the services (first of each message), to explain a 5xx or a retry storm. */
  loggedErrors: string[];
  /** The machine's load average (1, 5, 15 min) when the run started. */
  loadAtStart: number[];
}

/**
 * Quick mode: every quick kind `perKind` times in a seeded order. (Putting the crash after an SMTP accept first, so its
 * 30–60 s lock lapse overlaps the other faults, shortened the drain but exposed its resend to every Redis fault of the
 * run; one run at 19:09 on 26 Nov then ended with the notice still in doubt after the 75 s drain. Kept random until
 * that is understood: see test/fault/README.md.)
 */
export function quickSchedule(random: SeededRandom, perKind: number): FaultKind[] {
  return random.shuffle(QUICK_FAULT_KINDS.flatMap((kind) => Array.from({ length: perKind }, () => kind)));
}

/** Full mode: seeded rounds of every kind until `total` faults. */
export function fullSchedule(random: SeededRandom, total: number): FaultKind[] {
  const schedule: FaultKind[] = [];
  while (schedule.length < total) schedule.push(...random.shuffle([...FAULT_KINDS]));
  return schedule.slice(0, total);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the API is ready (Postgres, Redis and a canary job through a worker) and a dossier moved after `since`. */
async function recovered(world: FaultWorld, load: FaultLoad, since: number, boundMs: number): Promise<number | null> {
  const deadline = since + boundMs;
  let ready = false;
  while (Date.now() < deadline) {
    if (!ready) ready = (await world.http.call('GET', '/health/ready')).status === 200;
    if (ready && load.progress.some((at) => at > since)) return Date.now() - since;
    await sleep(200);
  }
  return null;
}

const perMinute = (times: number[], from: number, to: number) =>
  to > from ? (times.filter((at) => at >= from && at < to).length * 60000) / (to - from) : 0;

/**
 * One fault run: boot the world, drive load, inject the seeded schedule (one fault at a time: inject, hold, heal,
 * wait for recovery), stop intake, drain, then check every invariant.
 */
export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const log = options.log ?? (() => undefined);
  const random = new SeededRandom(options.seed);
  const catalog = { ...FAULTS, ...(options.catalog ?? {}) };
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const world = await startFaultWorld({ workers: options.workers, redis: options.redis });
  log(`world up in ${Date.now() - startedAt.getTime()} ms: api ${world.http.base}, ${options.workers} workers`);
  const load = new FaultLoad(world.http, world.pool, world.procedureId, options.inFlight);
  const injected: InjectedFault[] = [];
  try {
    load.start();
    const warmupStart = Date.now();
    await sleep(options.warmupMs);
    const baselinePerMinute = perMinute(load.progress, warmupStart + 2000, Date.now());
    for (const [index, kind] of options.faults.entries()) {
      await sleep(random.between(100, 600));
      const at = Date.now();
      let detail = '';
      const problems: string[] = [];
      try {
        const { outcome, heal } = await catalog[kind](world, random);
        await sleep(random.between(100, 800));
        await heal();
        detail = outcome.detail; // healing may tell what the fault did
        problems.push(...outcome.problems);
      } catch (error) {
        problems.push(`injecting/healing failed: ${(error as Error).message.split('\n')[0]}`);
        await healEverything(world);
      }
      const healedAt = Date.now();
      const recoveryMs = await recovered(world, load, healedAt, options.recoveryBoundMs);
      if (recoveryMs === null) problems.push(`no recovery within ${options.recoveryBoundMs} ms`);
      injected.push({ index: index + 1, kind, at, detail, problems, downMs: healedAt - at, recoveryMs });
      log(
        `#${index + 1} ${kind}: ${detail}; recovered in ${recoveryMs} ms${problems.length ? ` PROBLEMS ${problems.join('; ')}` : ''}`,
      );
      // Deadlines keep coming due while faults happen: the shared clock moves half an hour after every few faults.
      if (index % 3 === 2) await world.http.as(DEMO.admin, 'POST', '/admin/clock/advance', { minutes: 30 });
    }
    // Final heal: degraded copies (slow connector, skewed clock) drain gracefully and restart normally in the
    // background; the API is up; at least one normal worker carries the drain.
    if (!world.processes.api.process.running) await world.processes.start(world.processes.api);
    for (const worker of world.processes.workers) {
      if (Object.keys(worker.overrides).length === 0) continue;
      if (worker.booting) await worker.booting;
      if (worker.process.running)
        await world.processes.terminate(worker, 30000).catch(() => world.processes.kill(worker));
      worker.overrides = {};
      world.processes.restartInBackground(worker);
    }
    if (!world.processes.workers.some((entry) => entry.process.running && !entry.booting))
      await Promise.race(world.processes.workers.map((entry) => entry.booting));
    const healedAt = Date.now();
    await sleep(Math.min(10000, options.warmupMs));
    const afterHealingPerMinute = perMinute(load.progress, healedAt, Date.now());
    load.stopCreating();
    const drainStart = Date.now();
    while (Date.now() - drainStart < options.drainTimeoutMs) {
      if (load.acknowledged.every((dossier) => dossier.doneAt !== undefined)) break;
      await sleep(500);
    }
    await load.stop();
    // Then the tail of asynchronous work (notices, portal messages, routing) settles: no unconsumed due outbox row,
    // and no notice whose send is in doubt (a worker killed after the SMTP accept: its job comes back once the lock
    // lapses, and its resend is what the checker counts; checking before it made the quick mode flaky).
    while (Date.now() - drainStart < options.drainTimeoutMs + 30000) {
      const [{ n }] = (
        await world.pool
          .query(
            `SELECT (SELECT count(*)::int FROM outbox_message WHERE consumed_at IS NULL AND (deliver_at IS NULL OR deliver_at <= now() + interval '1 minute'))
                  + (SELECT count(*)::int FROM applicant_notification WHERE sending_since IS NOT NULL) AS n`,
          )
          .catch(() => ({ rows: [{ n: 1 }] }))
      ).rows;
      if (n === 0) break;
      await sleep(500);
    }
    log(`drained in ${Date.now() - drainStart} ms; ${load.active.filter((dossier) => dossier.id).length} still open`);
    const crashedProcesses = [...world.processes.crashes, ...world.redis.crashes];
    const loggedErrors = errorLines(world);
    await world.dataSource.initialize();
    const check = await checkInvariants(
      world.dataSource,
      load.acknowledged.map((dossier) => dossier.id!),
      world.mailboxDir,
    );
    return {
      options,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      injected,
      check,
      dossiersCreated: load.acknowledged.length,
      answers: Object.fromEntries(load.answers),
      baselinePerMinute,
      afterHealingPerMinute,
      crashedProcesses,
      loggedErrors,
      loadAtStart,
    };
  } finally {
    await load.stop().catch(() => undefined);
    await world.close();
  }
}

/** After a fault whose own healing failed: every store and process back up. */
async function healEverything(world: FaultWorld): Promise<void> {
  if (world.cluster) await world.cluster.restartStopped().catch(() => undefined);
  else if ((await world.redis.cli('PING').catch(() => '')) !== 'PONG') await world.redis.start().catch(() => undefined);
  await world.mailbox.start(world.mailPort).catch(() => undefined);
  for (const entry of world.processes.all) {
    entry.overrides = {};
    if (!entry.process.running) await world.processes.start(entry).catch(() => undefined);
  }
}

/** pino error lines (level ≥ 50) of every service incarnation, one per distinct message. */
function errorLines(world: FaultWorld): string[] {
  const seen = new Map<string, string>();
  for (const entry of world.processes.all)
    for (const line of `${entry.history}\n${entry.process.output}`.split('\n')) {
      if (!/"level":(50|60)/.test(line)) continue;
      const message = /"msg":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line;
      const key = message.split('\\n')[0].slice(0, 160);
      if (!seen.has(key)) seen.set(key, `${entry.name}: ${message.slice(0, 600)}`);
    }
  return [...seen.values()];
}
