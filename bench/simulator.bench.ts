import { environmentVariable } from '@motcua/config';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createSampleProvinceModel, simulateProvince, SimulationResult } from '@motcua/domain';

/*
 * Issue 18 acceptance 4: a province-year (~1M dossiers) through the pure simulator (decideNextSteps, working
 * calendar, clock ledger, QĐ 766 verdicts; no Postgres). Reports wall and CPU time; the machine is shared, so the
 * CPU time and a same-run small baseline (cost per dossier of one month vs the year) are reported beside the wall
 * time. No timed assertion: the figure goes to bench/reports/simulator.md.
 */
const PER_DAY = Number(environmentVariable('SIMULATOR_BENCH_PER_DAY') ?? 4_000);
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const MONTH = { from: '2026-01-01', to: '2026-01-31' };

interface Measured {
  result: SimulationResult;
  wallMs: number;
  cpuMs: number;
  progressReports: number;
  heapUsedMb?: number;
}

const ROOT = join(__dirname, '..');

/** One run in a plain `node` process, as `npm run simulate` runs (see bench/simulator-run.child.ts). */
function measure(period: { from: string; to: string }): Measured {
  const child = spawnSync(
    process.execPath,
    [
      '-r',
      join(ROOT, 'test/support/ts-register.js'),
      join(__dirname, 'simulator-run.child.ts'),
      JSON.stringify({ ...period, perDay: PER_DAY, seed: 2026 }),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20, encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`simulator run exited with ${child.status}`);
  return JSON.parse(child.stdout) as Measured;
}

/** The same run inside this jest worker (a `vm` sandbox), for comparison with earlier reports measured that way. */
function measureInJest(period: { from: string; to: string }): Measured {
  const model = createSampleProvinceModel({ dossiersPerWorkingDay: PER_DAY });
  let progressReports = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const { result } = simulateProvince(model, {
    period,
    seed: 2026,
    onProgress: (progress) => {
      progressReports++;
      process.stderr.write(`simulator bench ${period.to}: ${progress.arrivalsDone}/${progress.arrivalsTotal}\n`);
    },
    progressEvery: 100_000,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000, progressReports };
}

/**
 * Measured on main before the optimisation (commit 9077804, same model, seed and machine). The year's figures are
 * also what the optimised simulator must still produce: it changed how fast, not what (asserted below).
 */
const BEFORE = {
  commit: '9077804',
  jestYearCpuS: 347.1,
  jestMonthCpuS: 22.4,
  nodeMonthCpuS: 7.3,
  nodeYearCpuS: 142.3,
  year: { received: 1_050_651, events: 4_279_553, onTimeRate: 0.9558188209024691 },
};

describe('simulator benchmark (issue 18 acceptance 4)', () => {
  it('simulates a province-year and writes the report', () => {
    const loadBefore = loadavg()[0];
    const month = measure(MONTH);
    const year = measure(YEAR);
    const monthInJest = measureInJest(MONTH);
    const loadAfter = loadavg()[0];
    expect(year.result.totals.received).toBeGreaterThan(PER_DAY * 200);
    expect(year.progressReports).toBeGreaterThan(1);
    expect(monthInJest.result).toEqual(month.result);
    if (PER_DAY === 4_000) {
      expect(year.result.totals.received).toBe(BEFORE.year.received);
      expect(year.result.eventsProcessed).toBe(BEFORE.year.events);
      expect(year.result.totals.onTimeRate).toBe(BEFORE.year.onTimeRate);
    }
    const perDossier = (m: Measured) => (m.cpuMs * 1000) / m.result.totals.received;
    const rows = [
      ['period', 'runs in', 'dossiers', 'events', 'wall s', 'CPU s', 'CPU µs / dossier', 'on-time', 'online'],
      ...(
        [
          ['1 month', 'node', month],
          ['1 year', 'node', year],
          ['1 month', 'jest vm sandbox', monthInJest],
        ] as Array<[string, string, Measured]>
      ).map(([label, where, measured]) => [
        label,
        where,
        String(measured.result.totals.received),
        String(measured.result.eventsProcessed),
        (measured.wallMs / 1000).toFixed(1),
        (measured.cpuMs / 1000).toFixed(1),
        perDossier(measured).toFixed(0),
        measured.result.totals.onTimeRate?.toFixed(4) ?? '-',
        measured.result.totals.onlineRate?.toFixed(4) ?? '-',
      ]),
    ];
    const table = rows.map((row) => `| ${row.join(' | ')} |`);
    table.splice(1, 0, `|${rows[0].map(() => '---').join('|')}|`);
    const met = year.cpuMs < 60_000 ? 'met' : 'NOT met';
    const report = [
      '# Simulator benchmark (issue 18, acceptance 4)',
      '',
      `Generated province (\`createSampleProvinceModel\`, ${PER_DAY} dossiers per working day, seed 2026), one baseline run`,
      'through `simulateProvince` (every dossier routed by `decideNextSteps`, officers per agency on the working',
      'calendar, clock ledger folded by `computeClockState`, QĐ 766 verdicts). Command: `npm run bench:simulator`.',
      'Each run is a plain `node` process (bench/simulator-run.child.ts), as `npm run simulate` runs; the last row runs',
      'the same month inside the jest worker for comparison with the earlier report.',
      '',
      ...table,
      '',
      `- **Target (a province-year in under 60 s CPU) ${met}**: ${(year.cpuMs / 1000).toFixed(1)} s CPU for the year` +
        ` (heap in use at the end ${year.heapUsedMb?.toFixed(0) ?? '?'} MB).`,
      `- Before (main at ${BEFORE.commit}): ${BEFORE.jestYearCpuS} s CPU for the year and ${BEFORE.jestMonthCpuS} s for the`,
      `  month inside jest; the same code in plain node: ${BEFORE.nodeMonthCpuS} s (month, load ≈ 3) and ${BEFORE.nodeYearCpuS} s`,
      '  (year, load 9–18). Year / before-in-node: ' +
        `${(year.cpuMs / 1000 / BEFORE.nodeYearCpuS).toFixed(2)}; month in jest now / before: ` +
        `${(monthInJest.cpuMs / 1000 / BEFORE.jestMonthCpuS).toFixed(2)}.`,
      '- What changed: the run state is shared between dossiers that saw the same events (`RoutingMemo`: the real',
      '  `decideNextSteps` is called once per distinct state and event instead of copying each dossier’s run on every',
      '  event), working-time arithmetic on epoch milliseconds (`WorkingCalendar#addWorkingMinutesMillis` and friends,',
      '  no `Date` per step), the event queue and officer pools on typed arrays, one reseedable random generator, the',
      '  task itself queued as its event, integer local days in `classifyByCalendarDate`, and `computeClockState` sorts',
      '  its ledger only when it is out of order. The year produces the same dossiers, events and on-time rate as before',
      '  (asserted by the bench).',
      `- The jest worker runs code in a \`vm\` sandbox where every global (Math, Date, Map, Infinity) is looked up through`,
      `  the sandbox: the same month costs ${(monthInJest.cpuMs / month.cpuMs).toFixed(1)}× the CPU there, which is most of the`,
      '  gap between the earlier report (measured inside jest) and plain node.',
      `- Year / month CPU cost per dossier: ${(perDossier(year) / perDossier(month)).toFixed(2)} (≈ 1 means linear in the period).`,
      `- Load average (1 min) before / after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} on ${cpus().length} cores`,
      '  (the machine is shared; wall time above CPU time is time spent waiting for a core, and CPU time itself grows',
      '  when the other hardware thread is busy).',
      `- Node ${process.version}.`,
      '',
    ].join('\n');
    const directory = join(__dirname, 'reports');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'simulator.md'), report);
    process.stderr.write(`${report}\n`);
  });
});
