import { environmentVariable } from '@motcua/config';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { cpuCalibration } from './baselines';
import { machineFacts } from './machine';
import { benchApp, checkout, freshDatabase, ROOT } from './setup';
import {
  BENCH_PROCEDURE_CODE,
  Desk,
  findPostmaster,
  healthRun,
  intakeRun,
  login,
  stepCompletionRun,
  SystemResult,
  waitForDeskTasks,
} from './system-runs';
import { AppProcess } from './app-process';
import { fixesOption } from './fixes-list';
import { timerRun } from './timer-runs';

/**
 * `npm run bench:fixes`: a before/after table for each throughput fix (issue 16, acceptance 2). For each fix, the
 * commit before it and the commit that made it run from their own git worktrees (.local/bench-worktrees/), each
 * app on its own fresh database, alternated round by round in one run (the order flips every round), the same
 * scenario on both: health, desk intake (1 client, 16 at one desk), HTTP step completions until routed (16 clients
 * over two desks is left out: on this shared machine each round already takes minutes), timer firings (timer-runs.ts).
 * Ratios are after / before of the same run; a control pair (the same commit on both sides) shows the noise of the
 * machine. Every wait is bounded (BENCH_FIX_ROUTING_WAIT_SECONDS, 90 s): a side whose routing does not catch up has
 * that round's step figures left out, with a diagnosis in the report, and the run goes on (the 15:31 run waited 300 s
 * twice per round on such a side and was stopped by hand). Options: --fixes=<before>..<after>:<label>,...
 * --rounds=N; BENCH_SECONDS per run.
 */
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SECONDS = Number(environmentVariable('BENCH_SECONDS') ?? 5);
const ROUNDS = Number(option('rounds') ?? 2);
const CONCURRENCY = 16;
const startedAt = new Date();

function progress(message: string): void {
  const elapsed = ((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[fixes ${elapsed}s] ${message}\n`);
}

interface Side {
  name: 'before' | 'after';
  sha: string;
  app: AppProcess;
  pool: Pool;
  desks: Desk[];
  procedureId: string;
  results: Map<string, SystemResult[]>;
  /** Figures left out, and why (routing that did not catch up, timers still pending). */
  leftOut: string[];
}

const RUNS = [
  'GET /health/live, 16 clients',
  'POST /dossiers (accept), 1 client',
  'POST /dossiers, 16 clients, one desk',
  'POST /inbox/steps/:id/complete, 16 clients',
  'step completions routed (next step started)',
  'timer firings (1,000 due over 100 dossiers)',
] as const;

/** Longest wait for routing to catch up before a round's step figures are left out (the run goes on). */
const ROUTING_WAIT_SECONDS = Number(environmentVariable('BENCH_FIX_ROUTING_WAIT_SECONDS') ?? 90);

let sidesStarted = 0;

async function startSide(
  name: Side['name'],
  ref: string,
  index: number,
  urls: { base: string; redis: string },
): Promise<Side> {
  const { root, sha } = checkout(ref);
  progress(`${name}: ${sha}: fresh database (its own migrations and seed), app`);
  const url = await freshDatabase(urls.base, `motcua_bench_fix_${name}`, root);
  const port =
    Number(environmentVariable('BENCH_FIX_PORT') ?? Number(environmentVariable('HTTP_PORT') ?? 3000) + 60) + 2 * index;
  // One queue prefix per side of every pair: the next pair's database is recreated under the same name, so its
  // outbox ids start at 1 again, and BullMQ ignores an add whose job id (o<outbox id>) still exists under the prefix
  // (the completed jobs of the previous pair): its jobs never ran, routing and timers waited for the republish, which
  // was ignored the same way. That is why the 15:31 run hung on the second pair's before side (36eb17b).
  sidesStarted++;
  const prefix = `fix${startedAt.getTime().toString(36)}s${sidesStarted}`;
  const app = benchApp({
    name: `${name}-${sha}`,
    databaseUrl: url,
    redisUrl: urls.redis,
    queuePrefix: prefix,
    port,
    profile: false,
    root,
  });
  await app.start();
  const pool = new Pool({ connectionString: url, max: 2 });
  const procedureId = (await pool.query(`SELECT id FROM procedure WHERE code = $1`, [BENCH_PROCEDURE_CODE])).rows[0].id;
  const desks: Desk[] = [];
  for (const username of ['desk.anbinh', 'desk.centre']) {
    const token = await login(app.client, username, `demo-${username.replace('.', '-')}`);
    const { rows } = await pool.query(`SELECT agency_id FROM app_user WHERE username = $1`, [username]);
    desks.push({ username, agencyId: rows[0].agency_id, token });
  }
  return { name, sha, app, pool, desks, procedureId, results: new Map(), leftOut: [] };
}

async function round(side: Side): Promise<void> {
  const add = (run: string, result: SystemResult) => {
    side.results.set(run, [...(side.results.get(run) ?? []), result]);
    progress(
      `  ${side.name} ${side.sha} ${run}: ${result.perSecond.toFixed(1)}/s${result.errors ? ` (${result.errors} errors: ${result.errorSamples[0]})` : ''}`,
    );
  };
  const [one] = side.desks;
  add(RUNS[0], await healthRun(side.app, CONCURRENCY, SECONDS));
  add(RUNS[1], await intakeRun(side.app, [one], side.procedureId, 1, SECONDS));
  add(RUNS[2], await intakeRun(side.app, [one], side.procedureId, CONCURRENCY, SECONDS));
  try {
    await waitForDeskTasks(side.pool, one.agencyId, ROUTING_WAIT_SECONDS);
    const steps = await stepCompletionRun(side.app, side.pool, one, CONCURRENCY, SECONDS * 2, ROUTING_WAIT_SECONDS);
    add(RUNS[3], steps.http);
    add(RUNS[4], { ...steps.http, perSecond: steps.routedPerSecond });
  } catch (error) {
    // Routing that does not catch up within the wait leaves this round's step figures out (said in the log and the
    // report), with what the side's queues and tables held at that moment, instead of blocking the whole run.
    const reason = `${String(error)}; ${await routingDiagnosis(side)}`;
    side.leftOut.push(`round ${side.results.get(RUNS[0])?.length ?? '?'}: step completions: ${reason}`);
    progress(`  ${side.name} ${side.sha} step completions left out of this round: ${reason}`);
  }
  const timers = await timerRun(side.app, side.pool, 1000, 100, ROUTING_WAIT_SECONDS);
  if (timers.errors) side.leftOut.push(`timer firings: ${timers.errorSamples[0]}`);
  add(RUNS[5], timers);
}

/** What a side whose routing did not catch up still has to do (outbox, job outcomes, step tasks by status). */
async function routingDiagnosis(side: Side): Promise<string> {
  const { rows } = await side.pool.query(
    `SELECT (SELECT count(*) FROM outbox_message WHERE published_at IS NULL)::int AS unpublished,
            (SELECT count(*) FROM outbox_message WHERE published_at IS NOT NULL AND consumed_at IS NULL)::int AS unconsumed,
            (SELECT json_object_agg(step_id || '/' || status, n) FROM
               (SELECT step_id, status, count(*)::int AS n FROM step_task GROUP BY 1, 2) s) AS steps`,
  );
  return `outbox unpublished ${rows[0].unpublished}, published not consumed ${rows[0].unconsumed}, step tasks ${JSON.stringify(rows[0].steps)}`;
}

interface FixRow {
  run: string;
  before: number;
  after: number;
  beforeCpuMs: number;
  afterCpuMs: number;
  beforeDatabaseCpuMs: number;
  afterDatabaseCpuMs: number;
  beforeP50: number;
  afterP50: number;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function table(before: Side, after: Side): FixRow[] {
  return RUNS.map((run) => {
    const b = before.results.get(run) ?? [];
    const a = after.results.get(run) ?? [];
    return {
      run,
      before: mean(b.map((result) => result.perSecond)),
      after: mean(a.map((result) => result.perSecond)),
      beforeCpuMs: mean(b.map((result) => result.appCpuMsPerOperation)),
      afterCpuMs: mean(a.map((result) => result.appCpuMsPerOperation)),
      beforeDatabaseCpuMs: mean(b.map((result) => result.databaseCpuMsPerOperation)),
      afterDatabaseCpuMs: mean(a.map((result) => result.databaseCpuMsPerOperation)),
      beforeP50: mean(b.map((result) => result.p50)),
      afterP50: mean(a.map((result) => result.p50)),
    };
  });
}

const fixed = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** Writes (and rewrites after each fix, so a run stopped early still leaves its table) the markdown report. */
async function writeFixesReport(
  base: string,
  redis: string,
  calibrationBefore: number,
  summary: string[],
  sections: string[],
  final: boolean,
): Promise<string> {
  const calibrationAfter = final ? (await cpuCalibration(3)).perSecond : NaN;
  const factsPool = new Pool({ connectionString: base, max: 1 });
  const machine = await machineFacts(factsPool, redis);
  await factsPool.end();
  const iso = startedAt.toISOString();
  const directory = join(ROOT, 'bench', 'results', iso.slice(0, 10));
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `fixes-${iso.slice(11, 16).replace(':', '')}.md`);
  const lines = [
    '# Throughput fixes, before / after (issue 16, acceptance 2)',
    '',
    `Generated by \`npm run bench:fixes\` at ${iso} in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s. For each fix the commit before it and the commit that made it run from their own git worktrees, each app (the launcher: API + workflow + payment + delivery in one process) on its own fresh database, alternated round by round (${ROUNDS} rounds, the order flips every round, ${SECONDS} s per run, ${CONCURRENCY} clients unless stated). Ratios are after / before within the same run; app CPU ms per operation is the figure least moved by other people's load on the shared machine. The control pair runs the same commit on both sides: its spread is the noise.`,
    '',
    `CPU calibration (sha256 of 1 KiB, one thread): ${Math.round(calibrationBefore).toLocaleString('en-US')} hashes/s at the start${final ? `, ${Math.round(calibrationAfter).toLocaleString('en-US')} at the end` : ''}.${final ? '' : ' **Partial report: written after each fix, the run was still going.**'}`,
    '',
    '## Summary: after / before',
    '',
    '| fix | intake 1 client | intake 16 clients one desk | HTTP step completions | steps routed | timer firings | app CPU per intake, 1 client (before / after) | app CPU per step completion (before / after) | app CPU per timer firing (before / after) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summary,
    '',
    '## Per fix',
    '',
    ...sections,
    '## Machine',
    '',
    '| fact | value |',
    '|---|---|',
    ...Object.entries(machine).map(([key, value]) => `| ${key} | ${value} |`),
    '',
  ];
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function main(): Promise<void> {
  progress('starting Postgres and Redis');
  execFileSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'start'], { stdio: 'ignore' });
  const base = environmentVariable('DATABASE_URL') ?? 'postgres://motcua:motcua@127.0.0.1:54329/motcua';
  const redis = environmentVariable('REDIS_URL') ?? 'redis://127.0.0.1:63799';
  const calibrationBefore = await cpuCalibration(3);
  const sections: string[] = [];
  const summary: string[] = [];
  for (const fix of fixesOption(option('fixes'))) {
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ');
    progress(`fix: ${fix.label} (${fix.before} → ${fix.after}), load ${load}`);
    const sides: Side[] = [];
    try {
      sides.push(await startSide('before', fix.before, 0, { base, redis }));
      sides.push(await startSide('after', fix.after, 1, { base, redis }));
      await findPostmaster(sides[0].pool);
      for (let index = 0; index < ROUNDS; index++) {
        for (const side of index % 2 ? [...sides].reverse() : sides) {
          progress(`round ${index + 1}/${ROUNDS}: ${side.name} ${side.sha}`);
          await round(side);
        }
      }
      const rows = table(sides[0], sides[1]);
      const loadAfter = loadavg()
        .map((value) => value.toFixed(1))
        .join(' / ');
      sections.push(
        `### ${fix.label}`,
        '',
        `before ${sides[0].sha}, after ${sides[1].sha}; load average ${load} at the start, ${loadAfter} at the end.`,
        '',
        '| run | before /s | after /s | after / before | p50 ms before → after | app CPU ms/op before → after (before / after) | Postgres CPU ms/op before → after |',
        '|---|---:|---:|---:|---|---|---|',
        ...rows.map(
          (row) =>
            `| ${row.run} | ${fixed(row.before)} | ${fixed(row.after)} | **${fixed(row.after / row.before, 2)}** | ${fixed(row.beforeP50)} → ${fixed(row.afterP50)} | ${fixed(row.beforeCpuMs)} → ${fixed(row.afterCpuMs)} (${fixed(row.beforeCpuMs / row.afterCpuMs, 2)}) | ${fixed(row.beforeDatabaseCpuMs)} → ${fixed(row.afterDatabaseCpuMs)} |`,
        ),
        '',
        ...sides.flatMap((side) => side.leftOut.map((reason) => `- left out, ${side.name} ${side.sha}: ${reason}`)),
        '',
      );
      const pick = (run: string) => rows.find((row) => row.run === run)!;
      const cells = [RUNS[1], RUNS[2], RUNS[3], RUNS[4], RUNS[5]].map((run) =>
        fixed(pick(run).after / pick(run).before, 2),
      );
      const cpu = [RUNS[1], RUNS[3], RUNS[5]].map((run) => fixed(pick(run).beforeCpuMs / pick(run).afterCpuMs, 2));
      summary.push(`| ${fix.label} | ${cells.join(' | ')} | ${cpu.join(' | ')} |`);
      progress(`fix: ${fix.label}: ${cells.join(' ')} (cpu ${cpu.join(' ')})`);
      await writeFixesReport(base, redis, calibrationBefore.perSecond, summary, sections, false);
    } finally {
      for (const side of sides) {
        await side.app.stop();
        await side.pool.end().catch(() => undefined);
      }
    }
  }
  const path = await writeFixesReport(base, redis, calibrationBefore.perSecond, summary, sections, true);
  process.stdout.write(`\n${summary.join('\n')}\n\nreport: ${path}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
