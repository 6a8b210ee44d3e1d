import { environmentVariable } from '@motcua/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
}

function measure(period: { from: string; to: string }): Measured {
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

describe('simulator benchmark (issue 18 acceptance 4)', () => {
  it('simulates a province-year and writes the report', () => {
    const loadBefore = loadavg()[0];
    const month = measure(MONTH);
    const year = measure(YEAR);
    const loadAfter = loadavg()[0];
    expect(year.result.totals.received).toBeGreaterThan(PER_DAY * 200);
    expect(year.progressReports).toBeGreaterThan(1);
    const perDossier = (m: Measured) => (m.cpuMs * 1000) / m.result.totals.received;
    const rows = [
      ['period', 'dossiers', 'events', 'wall s', 'CPU s', 'CPU µs / dossier', 'on-time', 'online'],
      ...[
        ['1 month', month],
        ['1 year', year],
      ].map(([label, m]) => {
        const measured = m as Measured;
        return [
          label as string,
          String(measured.result.totals.received),
          String(measured.result.eventsProcessed),
          (measured.wallMs / 1000).toFixed(1),
          (measured.cpuMs / 1000).toFixed(1),
          perDossier(measured).toFixed(0),
          measured.result.totals.onTimeRate?.toFixed(4) ?? '-',
          measured.result.totals.onlineRate?.toFixed(4) ?? '-',
        ];
      }),
    ];
    const table = rows.map((row) => `| ${row.join(' | ')} |`);
    table.splice(1, 0, `|${rows[0].map(() => '---').join('|')}|`);
    const report = [
      '# Simulator benchmark (issue 18, acceptance 4)',
      '',
      `Generated province (\`createSampleProvinceModel\`, ${PER_DAY} dossiers per working day, seed 2026), one baseline run`,
      'through `simulateProvince` (every dossier routed by `decideNextSteps`, officers per agency on the working',
      'calendar, clock ledger folded by `computeClockState`, QĐ 766 verdicts). Command: `npm run bench:simulator`.',
      '',
      ...table,
      '',
      `- Target: a province-year in under 60 s. Year / month CPU cost per dossier: ${(perDossier(year) / perDossier(month)).toFixed(2)}`,
      '  (≈ 1 means the cost grows linearly with the period).',
      `- Load average (1 min) before / after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} on ${require('node:os').cpus().length} cores`,
      '  (the machine is shared; wall time above CPU time is time spent waiting for a core).',
      `- Node ${process.version}, run under ts-jest (transpiled TypeScript).`,
      '',
    ].join('\n');
    const directory = join(__dirname, 'reports');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'simulator.md'), report);
    process.stderr.write(`${report}\n`);
  });
});
