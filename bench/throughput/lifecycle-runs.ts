import { Pool } from 'pg';
import { AppProcess } from './app-process';
import { LIFECYCLE_STEPS, LifecycleActors, lifecycleRun, LifecycleResult } from './lifecycle';
import { publishLifecycleDefinition } from './lifecycle-definition';
import {
  addBackgroundTimers,
  armProbeTimers,
  memoryPerProcess,
  preloadStored,
  ProcessMemory,
  probeLateness,
  TimerLateness,
} from './probes';
import { Desk, intakeRun, login, SystemResult } from './system-runs';

/**
 * The lifecycle part of the bench (issue 16): open-loop arrival rates stepped up until the system no longer keeps
 * up (the knee), the timer-lateness probe at ~70 % of the knee with many pending timers, memory per process, and
 * (full mode) throughput with a large COPY preload against 10k stored.
 */
export interface LifecycleOptions {
  full: boolean;
  seconds: number;
  backgroundTimers: number;
  preload: number;
  progress: (message: string) => void;
}

export interface StoredComparison {
  stored: number;
  preloadSeconds: number;
  intake: SystemResult;
  lifecycle: LifecycleResult;
}

export interface LifecycleReport {
  runs: LifecycleResult[];
  kneePerSecond: number;
  probeRun?: LifecycleResult;
  lateness?: TimerLateness & { background: number; backgroundSeconds: number; loadPerSecond: number };
  memory: ProcessMemory[];
  stored: StoredComparison[];
}

export async function lifecycleSetup(app: AppProcess, pool: Pool, desk: Desk, procedureId: string, code: string) {
  const admin = await login(app.client, 'admin', 'demo-admin');
  await publishLifecycleDefinition(app, admin, procedureId, code);
  const landOfficerToken = await login(app.client, 'officer.land', 'demo-officer-land');
  const actors: LifecycleActors = { desk, landOfficerToken };
  return actors;
}

export async function lifecycleRuns(
  app: AppProcess,
  pool: Pool,
  databaseUrl: string,
  redisUrl: string,
  postmaster: number | undefined,
  actors: LifecycleActors,
  procedureId: string,
  options: LifecycleOptions,
): Promise<LifecycleReport> {
  const { progress } = options;
  const drain = options.full ? 90 : 40;
  const runs: LifecycleResult[] = [];
  const signIn = async () => {
    // Access tokens expire during a long run: each run signs in again, as people do each morning.
    actors.desk = {
      ...actors.desk,
      token: await login(app.client, actors.desk.username, `demo-${actors.desk.username.replace('.', '-')}`),
    };
    actors.landOfficerToken = await login(app.client, 'officer.land', 'demo-officer-land');
  };
  const run = async (rate: number, seconds = options.seconds) => {
    await signIn();
    progress(`lifecycle: ${rate} dossiers/s offered for ${seconds} s`);
    const result = await lifecycleRun(app, pool, actors, procedureId, rate, seconds, drain);
    progress(
      `lifecycle ${rate}/s: ${result.completed}/${result.arrivals} returned, ${result.dossiersPerSecond.toFixed(1)} dossiers/s, step p99 ${result.allSteps.p99.toFixed(0)} ms${result.keptUp ? '' : ' — NOT kept up'}${result.errors ? ` (${result.errors} errors: ${result.errorSamples[0]})` : ''}`,
    );
    return result;
  };
  // Knee: double the offered rate until the system no longer keeps up, then try the midpoint once.
  let rate = 1;
  let knee = 0;
  for (;;) {
    const result = await run(rate);
    runs.push(result);
    if (!result.keptUp) break;
    knee = rate;
    if (rate >= (options.full ? 256 : 4)) break;
    rate *= 2;
  }
  if (knee > 0 && !runs[runs.length - 1].keptUp) {
    const middle = Math.round((knee + rate) / 2);
    if (middle > knee && middle < rate) {
      const result = await run(middle);
      runs.push(result);
      if (result.keptUp) knee = middle;
    }
  }
  runs.sort((a, b) => a.offeredPerSecond - b.offeredPerSecond);

  // Timer lateness at ~70 % of the knee, many timers pending.
  progress(`timers: ${options.backgroundTimers.toLocaleString('en-US')} background pending timers`);
  const backgroundSeconds = await addBackgroundTimers(pool, options.backgroundTimers);
  const loadPerSecond = Math.max(1, Math.round(0.7 * Math.max(knee, 1) * 10) / 10);
  const probeRate = options.full ? 20 : 10;
  const probeSeconds = options.seconds;
  const ids = await armProbeTimers(pool, probeRate * probeSeconds, probeRate, 3000);
  const probeRun = await run(loadPerSecond, probeSeconds + 3);
  const lateness = {
    ...(await probeLateness(pool, ids, 60_000)),
    background: options.backgroundTimers,
    backgroundSeconds,
    loadPerSecond,
  };
  progress(
    `timers: lateness p50 ${lateness.p50.toFixed(0)} ms, p99 ${lateness.p99.toFixed(0)} ms (${lateness.fired}/${lateness.armed} fired)`,
  );
  const memory = await memoryPerProcess(app.processes, postmaster, redisUrl);

  const stored: StoredComparison[] = [];
  if (options.preload > 0) {
    const saturate = Math.max(2, Math.round(knee * 1.5));
    for (const target of [10_000, options.preload]) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM dossier`);
      const missing = target - rows[0].n;
      progress(
        `preload: ${missing.toLocaleString('en-US')} stored dossiers by COPY (to ${target.toLocaleString('en-US')})`,
      );
      const preloadSeconds = missing > 0 ? await preloadStored(pool, databaseUrl, missing, rows[0].n) : 0;
      await signIn();
      const intake = await intakeRun(app, [actors.desk], procedureId, 16, options.seconds);
      progress(`at ${target.toLocaleString('en-US')} stored: intake ${intake.perSecond.toFixed(1)}/s`);
      const lifecycle = await run(saturate);
      stored.push({ stored: target, preloadSeconds, intake, lifecycle });
    }
  }
  return { runs, kneePerSecond: knee, probeRun, lateness, memory, stored };
}

export { LIFECYCLE_STEPS };
