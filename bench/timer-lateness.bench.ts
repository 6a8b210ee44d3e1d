import { environmentVariable } from '@motcua/config';
import { armTimers, ArmedThreshold } from '@motcua/application';
import { ClockService } from '@motcua/platform';
import { DEADLINE_QUEUE, DEFAULT_JOB_OPTIONS } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { insertDossierRows } from '../apps/workflow/src/deadlines/testing/dossier-rows';
import { seedCatalog } from '../test/dossier/support/catalog-fixture';
import { waitFor } from '../test/support/test-config';
import { startTestServices, TestServices } from '../test/support/test-services';

/**
 * Timer lateness (fired_at − due_at, by the shared clock) with N other timers pending, against a baseline with
 * none, in the same run. Load = 70 % of the firing capacity measured first. Reported, not asserted.
 * BENCH_TIMER_SIZES (default "100000,1000000") lists the background sizes; Redis gets delayed jobs for the
 * background timers up to BENCH_TIMER_REDIS_MAX (default 100000).
 */
const SIZES = (environmentVariable('BENCH_TIMER_SIZES') ?? '100000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n >= 0);
const REDIS_MAX = Number(environmentVariable('BENCH_TIMER_REDIS_MAX') ?? 100000);
const WINDOW_SECONDS = Number(environmentVariable('BENCH_TIMER_WINDOW_SECONDS') ?? 20);

interface Scenario {
  name: string;
  background: number;
  redisBackground: number;
  measured: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  byJob: number;
  bySweeper: number;
  setupSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('timer lateness benchmark', () => {
  let services: TestServices;
  let clock: ClockService;
  let dossiers: string[];
  let agencyId: string;
  let batch = 0;

  beforeAll(async () => {
    services = await startTestServices({
      DEADLINE_SWEEP_INTERVAL_MS: '1000',
      DEADLINE_SWEEP_BATCH_SIZE: '200',
      OUTBOX_BATCH_SIZE: '1000',
      OUTBOX_POLL_INTERVAL_MS: '20',
      WORKER_CONCURRENCY: '16',
    });
    clock = services.workflow.get(ClockService);
    const catalog = await seedCatalog(services.dataSource);
    agencyId = [...catalog.agencies.values()][0].id;
    await insertDossierRows(services.dataSource, 500, {
      procedureId: [...catalog.procedures.values()][0].id,
      agencyId,
      codePrefix: 'BENCH',
    });
    dossiers = (await services.dataSource.query(`SELECT id FROM dossier WHERE code LIKE 'BENCH-%'`)).map(
      (row: { id: string }) => row.id,
    );
  });

  afterAll(async () => {
    // The background delayed jobs live under this run's private prefix: remove them from the shared Redis.
    await services?.workflow
      .get(QueueRegistry)
      .get(DEADLINE_QUEUE.name)
      .obliterate({ force: true })
      .catch(() => undefined);
    await services?.close();
  });

  /** Ids of the timers armed by the last `armMeasured` (polled by primary key, never by a scan of all pending). */
  let measuredIds: string[] = [];

  /** Arms `count` timers over the 500 dossiers, due at `dueAt(i)`. */
  async function armMeasured(count: number, dueAt: (index: number) => Date): Promise<void> {
    batch++;
    const perDossier = new Map<string, ArmedThreshold[]>();
    for (let index = 0; index < count; index++) {
      const dossierId = dossiers[index % dossiers.length];
      const list = perDossier.get(dossierId) ?? [];
      list.push({ id: `b${batch}-${index}`, kind: 'budget-used', dueAt: dueAt(index), recipients: ['officer'] });
      perDossier.set(dossierId, list);
    }
    measuredIds = [];
    await services.dataSource.transaction(async (manager) => {
      for (const [dossierId, thresholds] of perDossier) {
        const armed = await armTimers(manager, {
          subject: { subjectType: 'dossier', subjectId: dossierId, dossierId, agencyId },
          deadlineVersion: batch,
          deadlineAt: null,
          clockStatus: 'running',
          thresholds,
        });
        measuredIds.push(...armed.armedTimerIds);
      }
    });
  }

  async function pendingMeasured(): Promise<number> {
    const [row] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM deadline_timer WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      [measuredIds],
    );
    return row.n;
  }

  /** Background: pending timers due in 30–60 days, in Postgres, plus delayed jobs in Redis for the first `redis`. */
  async function addBackground(total: number, redis: number): Promise<void> {
    const [{ n: existing }] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM deadline_timer WHERE threshold_id = 'background'`,
    );
    const missing = total - existing;
    for (let added = 0; added < missing; added += 250000) {
      await services.dataSource.query(
        `INSERT INTO deadline_timer (subject_type, subject_id, threshold_id, threshold_kind, recipients, deadline_version, due_at)
         SELECT 'step', gen_random_uuid(), 'background', 'budget-used', '{officer}', 1,
                now() + interval '30 days' + (g % 2592000) * interval '1 second'
         FROM generate_series(1, $1::int) AS g`,
        [Math.min(250000, missing - added)],
      );
    }
    await services.dataSource.query('ANALYZE deadline_timer');
    const queue = services.workflow.get(QueueRegistry).get(DEADLINE_QUEUE.name);
    const delayed = await queue.getDelayedCount();
    for (let added = delayed; added < redis; added += 5000) {
      const size = Math.min(5000, redis - added);
      await queue.addBulk(
        Array.from({ length: size }, (_, index) => ({
          name: 'timer-due.v1',
          data: { timerId: '0' },
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: `bg${added + index}`, delay: 30 * 86400_000 + (added + index) * 10 },
        })),
      );
    }
  }

  /**
   * Capacity = sustainable firing rate: 3,000 already-due timers, from arming until every one has fired AND the
   * work each firing queues (notification and routing jobs, which share the CPUs) has been consumed. Stopping the
   * watch at "all timers fired" over-states what the system can sustain, because that downstream backlog is left
   * for later and would then compete with the measured window.
   */
  async function measureCapacity(): Promise<{ fireOnly: number; sustained: number }> {
    const count = 3000;
    await services.waitUntilIdle(120000);
    const start = clock.now();
    await armMeasured(count, () => start);
    const began = Date.now();
    await waitFor('capacity timers fired', async () => (await pendingMeasured()) === 0, 600000, 20);
    const fired = Date.now();
    await services.waitUntilIdle(600000);
    return { fireOnly: count / ((fired - began) / 1000), sustained: count / ((Date.now() - began) / 1000) };
  }

  async function measure(
    name: string,
    background: number,
    redisBackground: number,
    ratePerSecond: number,
    setupSeconds: number,
  ): Promise<Scenario> {
    const count = Math.max(200, Math.round(ratePerSecond * WINDOW_SECONDS));
    // Start each window from a quiet system: no earlier phase's jobs still queued.
    await services.waitUntilIdle(600000);
    const startAt = clock.now().getTime() + 5000;
    const armStart = Date.now();
    await armMeasured(count, (index) => new Date(startAt + (index * 1000) / ratePerSecond));
    console.log(`timer bench: ${name}: armed ${count} in ${Date.now() - armStart} ms (lead 5000 ms)`);
    await waitFor('measured timers fired', async () => (await pendingMeasured()) === 0, 600000, 100);
    const rows: Array<{ lateness_ms: number; fired_by: string }> = await services.dataSource.query(
      `SELECT extract(epoch FROM (fired_at - due_at)) * 1000 AS lateness_ms, fired_by FROM deadline_timer WHERE id = ANY($1::bigint[])`,
      [measuredIds],
    );
    const diag = await services.dataSource.query(
      `SELECT t.fired_by, count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (t.fired_at - t.due_at)) * 1000) AS late_p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (t.fired_at - t.due_at)) * 1000) AS late_p99,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (o.published_at - o.created_at)) * 1000) AS publish_p99,
              count(*) FILTER (WHERE o.published_at > o.deliver_at)::int AS published_after_due
       FROM deadline_timer t JOIN outbox_message o ON o.dedupe_key = 'timer-' || t.id
       WHERE t.id = ANY($1::bigint[]) GROUP BY t.fired_by`,
      [measuredIds],
    );
    console.log(`timer bench diag ${name}: ${JSON.stringify(diag)}`);
    const lateness = rows.map((row) => Number(row.lateness_ms)).sort((a, b) => a - b);
    return {
      name,
      background,
      redisBackground,
      measured: rows.length,
      p50: percentile(lateness, 50),
      p95: percentile(lateness, 95),
      p99: percentile(lateness, 99),
      max: lateness[lateness.length - 1],
      byJob: rows.filter((row) => row.fired_by === 'job').length,
      bySweeper: rows.filter((row) => row.fired_by === 'sweeper').length,
      setupSeconds,
    };
  }

  it('measures fired − due lateness with 0 (baseline) and N pending timers', async () => {
    const { fireOnly, sustained: capacity } = await measureCapacity();
    console.log(
      `timer bench: capacity ${fireOnly.toFixed(0)} timers/s until fired, ${capacity.toFixed(0)} timers/s until downstream consumed`,
    );
    const rate = Math.max(10, Math.floor(capacity * 0.7));
    const scenarios: Scenario[] = [await measure('baseline (no other pending timers)', 0, 0, rate, 0)];
    for (const size of SIZES) {
      const setupStart = Date.now();
      await addBackground(size, Math.min(size, REDIS_MAX));
      const scenario = await measure(
        `${size.toLocaleString('en')} pending`,
        size,
        Math.min(size, REDIS_MAX),
        rate,
        (Date.now() - setupStart) / 1000,
      );
      scenarios.push(scenario);
      console.log(
        `timer bench: ${scenario.name}: p50 ${scenario.p50.toFixed(0)} ms, p99 ${scenario.p99.toFixed(0)} ms`,
      );
    }
    const format = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');
    const report = [
      '# Timer lateness (fired − due)',
      '',
      `Generated by \`npm run bench:timers\` at ${new Date().toISOString()} on ${cpus().length} CPUs (shared with other work),`,
      'local Postgres + Redis, API + workflow in the bench process. Lateness = `deadline_timer.fired_at − due_at`, both by the shared clock.',
      '',
      `Firing capacity measured first: ${capacity.toFixed(0)} timers/s sustained (3,000 already-due timers, from arming until every`,
      `timer has fired and the notification jobs they queued are consumed; ${fireOnly.toFixed(0)} timers/s counting only until fired).`,
      'Each firing appends a hash-chained dossier event and writes a notification outbox row, whose job the notification consumer records.',
      `Load in every scenario: ${rate} timers/s (70 % of that capacity) for ${WINDOW_SECONDS} s, spread over 500 dossiers.`,
      '',
      '| scenario | pending in Postgres | delayed jobs in Redis | measured timers | p50 ms | p95 ms | p99 ms | max ms | fired by job / sweeper | setup s |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      ...scenarios.map(
        (s) =>
          `| ${s.name} | ${s.background.toLocaleString('en')} | ${s.redisBackground.toLocaleString('en')} | ${s.measured} | ${format(s.p50)} | ${format(s.p95)} | ${format(s.p99)} | ${format(s.max)} | ${s.byJob} / ${s.bySweeper} | ${s.setupSeconds.toFixed(0)} |`,
      ),
      '',
      'Target (issue 6): p99 < 1 s at 70 % load — reported, not asserted. Background timers are due in 30–60 days: they load',
      'the Postgres index and the Redis delayed set without firing. Sweeper period 1 s in this run (production default 30 s);',
      'the sweeper is the backstop, the delayed jobs are the fast path.',
      '',
    ].join('\n');
    writeFileSync(join(__dirname, 'reports', 'timer-lateness.md'), report);
    console.log(report);
    expect(scenarios.length).toBe(1 + SIZES.length);
  });
});
