import { environmentVariable } from '@motcua/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BaselineContext,
  bullmqNoop,
  cpuCalibration,
  postgresRoundTrips,
  prepareRawTables,
  rawInsertUpdate,
  rawStepPipeline,
  redisRoundTrips,
} from './baselines';
import { AppLayout, describeLayouts } from './app-process';
import { LoadResult } from './load';
import { machineFacts } from './machine';
import { BenchReport, Comparison, Row, summaryTable, writeReport } from './report';
import { benchRatios } from './ratios';
import {
  benchApp,
  checkout,
  freshDatabase,
  prepareTarget,
  resetStatements,
  ROOT,
  statementCalls,
  Target,
  topStatements,
} from './setup';
import { lifecycleRuns, lifecycleSetup } from './lifecycle-runs';
import { lifecycleTargets } from './lifecycle-report';
import {
  BENCH_PROCEDURE_CODE,
  findPostmaster,
  postmasterPid,
  healthRun,
  intakeRun,
  stepCompletionRun,
  SystemResult,
  waitForDeskTasks,
} from './system-runs';

/**
 * `npm run bench` (quick) / `npm run bench:full`: same-run baselines interleaved with system runs against the
 * launcher in a child process; summary on stdout, progress on stderr, markdown report + charts under
 * bench/results/<date>/. Options: --only=baselines,intake,steps (subset), --profile (app --cpu-prof),
 * --compare=<git ref>[,<ref>...] (also runs those commits' apps, alternating with this one: before/after ratios),
 * --layout=one|split (this checkout's app as one launcher process, the default, or the API and the workers in two
 * processes) and --compare-layout=one|split (the same for the --compare apps). `--layout=split --compare=HEAD:one`
 * measures what splitting the process gives, in one run.
 */
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const FULL = process.argv.includes('--full');
const PROFILE = process.argv.includes('--profile');
const COMPARE = option('compare');
const layoutOption = (name: string): AppLayout => {
  const value = option(name) ?? 'one';
  if (value !== 'one' && value !== 'split') throw new Error(`--${name} must be one or split, not ${value}`);
  return value;
};
const LAYOUT = layoutOption('layout');
const COMPARE_LAYOUT = layoutOption('compare-layout');
const ONLY = new Set((option('only') ?? 'baselines,intake,steps,lifecycle').split(','));
const SECONDS = Number(environmentVariable('BENCH_SECONDS') ?? (FULL ? 20 : 5));
const ROUNDS = Number(option('rounds') ?? (FULL ? 3 : COMPARE ? 2 : 1));
const CONCURRENCY = 16;
const startedAt = new Date();

function progress(message: string): void {
  const elapsed = ((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const statements: BenchReport['statements'] = [];
  const record = (kind: Row['kind'], name: string, unit: string, result: LoadResult | SystemResult, note?: string) => {
    const system = result as Partial<SystemResult>;
    rows.push({
      kind,
      name,
      unit,
      perSecond: result.perSecond,
      p50: result.p50,
      p99: result.p99,
      errors: result.errors,
    });
    Object.assign(rows[rows.length - 1], {
      appCpuPercent: system.appCpuPercent,
      appRssMiB: system.appRssMiB,
      appCpuMs: system.appCpuMsPerOperation,
      databaseCpuMs: system.databaseCpuMsPerOperation,
      note,
    });
    const errors = result.errors ? ` — ${result.errors} errors (${result.errorSamples[0]})` : '';
    progress(`${kind} ${name}: ${Math.round(result.perSecond).toLocaleString('en-US')} ${unit}${errors}`);
    return result;
  };

  progress('starting Postgres and Redis; fresh bench database (migrations + demo seed)');
  execFileSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'start'], { stdio: 'ignore' });
  const baseUrl = environmentVariable('DATABASE_URL') ?? 'postgres://motcua:motcua@127.0.0.1:54329/motcua';
  const redisUrl = environmentVariable('REDIS_URL') ?? 'redis://127.0.0.1:63799';
  const url = await freshDatabase(baseUrl, 'motcua_bench');
  await prepareRawTables(url);
  const prefix = `bench${startedAt.getTime().toString(36)}`;
  const context: BaselineContext = {
    databaseUrl: url,
    redisUrl,
    queuePrefix: prefix,
    concurrency: CONCURRENCY,
    seconds: SECONDS,
  };
  const port = Number(environmentVariable('BENCH_HTTP_PORT') ?? Number(environmentVariable('HTTP_PORT') ?? 3000) + 50);
  const targets: Target[] = [];
  try {
    progress(`starting the app from this checkout (port ${port})`);
    const app = benchApp({
      name: 'current',
      databaseUrl: url,
      redisUrl,
      queuePrefix: prefix,
      port,
      profile: PROFILE,
      layout: LAYOUT,
    });
    targets.push(await prepareTarget('', app, url));
    for (const [index, entry] of (COMPARE ? COMPARE.split(',') : []).entries()) {
      // <ref> or <ref>:<label> (the label names the checkout in the report).
      const [ref, name] = entry.split(':');
      const { root, sha } = checkout(ref);
      progress(`starting the app of ${sha} (before) on port ${port + 2 + 2 * index}`);
      const beforeUrl = await freshDatabase(baseUrl, `motcua_bench_before${index}`, root);
      const before = benchApp({
        name: `before-${sha}`,
        databaseUrl: beforeUrl,
        redisUrl,
        queuePrefix: `${prefix}b${index}`,
        port: port + 2 + 2 * index,
        profile: PROFILE,
        root,
        layout: COMPARE_LAYOUT,
      });
      targets.push(await prepareTarget(` [${name ?? 'before'} ${sha}]`, before, beforeUrl));
    }
    const [current] = targets;
    await findPostmaster(current.pool);
    // The five-step lifecycle definition becomes the procedure's newest version (desk and land registry first, as
    // the intake and step runs expect).
    const actors = ONLY.has('lifecycle')
      ? await lifecycleSetup(current.app, current.pool, current.desks[0], current.procedureId, BENCH_PROCEDURE_CODE)
      : undefined;

    record('baseline', 'CPU sha256 1 KiB (1 thread)', 'hashes/s', await cpuCalibration(Math.min(SECONDS, 5)));
    if (ONLY.has('baselines')) {
      record('baseline', 'Postgres SELECT 1, 1 connection', 'queries/s', await postgresRoundTrips(context, 1));
      record('baseline', 'Postgres SELECT 1, 16 connections', 'queries/s', await postgresRoundTrips(context, 16));
      record('baseline', 'Redis PING, 1 in flight', 'pings/s', await redisRoundTrips(context, 1));
      record('baseline', 'Redis PING, 16 in flight', 'pings/s', await redisRoundTrips(context, 16));
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which app goes first, so neither always runs on the warmer (or busier) machine.
      for (const target of round % 2 ? [...targets].reverse() : targets) {
        progress(`round ${round + 1}/${ROUNDS}${target.label}: health and intake`);
        record(
          'system',
          `GET /health/live, 16 clients${target.label}`,
          'req/s',
          await healthRun(target.app, CONCURRENCY, SECONDS),
        );
        if (!ONLY.has('intake')) continue;
        const [one] = target.desks;
        if (target === current && round === 0) await resetStatements(target.pool);
        const single = record(
          'system',
          `POST /dossiers (accept), 1 client${target.label}`,
          'req/s',
          await intakeRun(target.app, [one], target.procedureId, 1, SECONDS),
        );
        if (target === current && round === 0) {
          const calls = await statementCalls(target.pool);
          statements.push({
            run: 'desk intake, 1 client',
            perOperation: calls / single.operations,
            top: await topStatements(target.pool),
          });
        }
        record(
          'system',
          `POST /dossiers, 16 clients, one desk${target.label}`,
          'req/s',
          await intakeRun(target.app, [one], target.procedureId, CONCURRENCY, SECONDS),
        );
        record(
          'system',
          `POST /dossiers, 16 clients, two desks${target.label}`,
          'req/s',
          await intakeRun(target.app, target.desks, target.procedureId, CONCURRENCY, SECONDS),
        );
      }
    }
    if (ONLY.has('baselines')) {
      progress('baselines: raw pg, BullMQ, raw step pipeline');
      const raw = await rawInsertUpdate(context);
      record('baseline', 'raw pg INSERT, 16 connections', 'rows/s', raw.insert);
      record('baseline', 'raw pg UPDATE by id, 16 connections', 'rows/s', raw.update);
      const bull = await bullmqNoop(
        context,
        Number(environmentVariable('BENCH_BULLMQ_JOBS') ?? (FULL ? 100_000 : 20_000)),
      );
      record('baseline', 'BullMQ addBulk no-op jobs', 'jobs/s', bull.add);
      record('baseline', 'BullMQ drain no-op jobs, concurrency 100', 'jobs/s', bull.drain);
      record('baseline', 'raw step pipeline, 16 connections', 'steps/s', await rawStepPipeline(context));
    }
    if (ONLY.has('steps') && ONLY.has('intake')) {
      for (const target of targets) {
        progress(`HTTP step completions${target.label}, routing keeping up`);
        const opened = await waitForDeskTasks(target.pool, target.desks[0].agencyId);
        if (target === current) await resetStatements(target.pool);
        const steps = await stepCompletionRun(target.app, target.pool, target.desks[0], CONCURRENCY, SECONDS * 2);
        if (target === current) {
          const calls = await statementCalls(target.pool);
          statements.push({
            run: 'step completion + routing',
            perOperation: calls / steps.http.operations,
            top: await topStatements(target.pool),
          });
        }
        record(
          'system',
          `POST /inbox/steps/:id/complete, 16 clients${target.label}`,
          'steps/s',
          steps.http,
          `${opened} desk steps open before`,
        );
        rows.push({
          kind: 'system',
          name: `step completions routed (next step started)${target.label}`,
          unit: 'steps/s',
          perSecond: steps.routedPerSecond,
          note: `routing done ${steps.routingLagSeconds.toFixed(1)} s after the last completion`,
        });
        progress(`system step completions routed${target.label}: ${Math.round(steps.routedPerSecond)} steps/s`);
        record(
          'system',
          `GET /health/live, 16 clients${target.label}`,
          'req/s',
          await healthRun(target.app, CONCURRENCY, SECONDS),
        );
      }
    }
    const lifecycle = actors
      ? await lifecycleRuns(current.app, current.pool, url, redisUrl, postmasterPid(), actors, current.procedureId, {
          full: FULL,
          seconds: FULL ? 15 : 5,
          backgroundTimers: Number(environmentVariable('BENCH_TIMERS') ?? (FULL ? 1_000_000 : 20_000)),
          preload: Number(environmentVariable('BENCH_PRELOAD') ?? (FULL ? 1_000_000 : 0)),
          progress,
        })
      : undefined;
    record('baseline', 'CPU sha256 1 KiB (1 thread)', 'hashes/s', await cpuCalibration(Math.min(SECONDS, 5)));
    const machine = await machineFacts(current.pool, redisUrl);
    for (const target of targets) {
      notes.push(
        `SIGTERM to exit of the app${target.label} after the load: ${(await target.app.stop()).toFixed(1)} s.`,
      );
    }
    notes.push(
      `Closed loop, ${CONCURRENCY} clients unless stated, ${SECONDS} s per run (step completions: up to ${SECONDS * 2} s), ${ROUNDS} round(s); the load generator, the baselines and the app(s) share the machine; ${describeLayouts(LAYOUT, COMPARE ? COMPARE_LAYOUT : undefined)}, logging at info level to a file. Rates of runs with the same name are averaged in the ratios.`,
    );
    if (PROFILE)
      notes.push('The app ran with --cpu-prof (profiles under .local/profiles/): rates are lower than without.');
    const { ratios, comparisons } = benchRatios(
      rows,
      targets.slice(1).map((target) => target.label),
    );
    const report: BenchReport = {
      mode: FULL ? 'full' : 'quick',
      startedAt,
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      rows,
      ratios,
      comparisons: comparisons as Comparison[],
      statements,
      notes,
      lifecycle,
      targets: lifecycle
        ? lifecycleTargets(
            lifecycle,
            rows.filter((row) => row.name === 'raw step pipeline, 16 connections').map((row) => row.perSecond)[0] ??
              NaN,
          )
        : [],
    };
    const path = writeReport(ROOT, report);
    process.stdout.write(`\n${summaryTable(rows)}\n\n`);
    for (const ratio of ratios) {
      process.stdout.write(
        `${ratio.name.padEnd(48)} ${ratio.ratio.toFixed(3)}${ratio.target ? ` (target ≥ ${ratio.target})` : ''}\n`,
      );
    }
    for (const comparison of comparisons) {
      process.stdout.write(
        `${comparison.name.padEnd(48)} before ${comparison.before.toFixed(1)} after ${comparison.after.toFixed(1)} ×${comparison.ratio.toFixed(2)}\n`,
      );
    }
    process.stdout.write(`\nreport: ${path}\n`);
  } finally {
    for (const target of targets) {
      await target.pool.end().catch(() => undefined);
      await target.app.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
