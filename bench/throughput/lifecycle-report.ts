import { writeFileSync } from 'node:fs';
import { LIFECYCLE_STEPS, LifecycleResult } from './lifecycle';
import { LifecycleReport } from './lifecycle-runs';
import { writeChart } from './charts';

const number = (value: number | undefined, digits = 0) =>
  value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One line of the targets table: what the issue asks, what this run measured, met or by how much it is missed. */
export interface TargetLine {
  target: string;
  measured: string;
  met: boolean | undefined;
  gap: string;
}

function lifecycleRow(run: LifecycleResult): string {
  const steps = LIFECYCLE_STEPS.map(
    (step) => `${number(run.stepLatency[step].p50)} / ${number(run.stepLatency[step].p99)}`,
  );
  return `| ${number(run.offeredPerSecond, 1)} | ${run.completed}/${run.arrivals} | ${number(run.dossiersPerSecond, 2)} | ${number(run.stepsPerSecond, 1)} | ${number(run.allSteps.p50)} / ${number(run.allSteps.p99)} | ${steps.join(' | ')} | ${number(run.endToEnd.p50)} / ${number(run.endToEnd.p99)} | ${run.keptUp ? 'yes' : '**no**'} | ${run.errors}${run.errorSamples[0] ? ` (${run.errorSamples[0].slice(0, 80)})` : ''} | ${number(run.appCpuPercent)} | ${number(run.appCpuMsPerDossier)} | ${number(run.appRssMiB)} |`;
}

/** The knee chart: offered vs completed dossiers/s (left) and p99 step latency (right), as an SVG. */
export function kneeChartSvg(title: string, runs: LifecycleResult[]): string {
  const width = 760;
  const height = 360;
  const left = 60;
  const right = 70;
  const top = 40;
  const bottom = 50;
  const maxRate = Math.max(...runs.map((run) => Math.max(run.offeredPerSecond, run.dossiersPerSecond)), 1) * 1.1;
  const maxLatency =
    Math.max(...runs.map((run) => (Number.isFinite(run.allSteps.p99) ? run.allSteps.p99 : 0)), 100) * 1.1;
  const x = (value: number) => left + (value / maxRate) * (width - left - right);
  const y = (value: number, max: number) => height - bottom - (value / max) * (height - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${title}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#999"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#999"/>`,
    `<line x1="${x(0)}" y1="${y(0, maxRate)}" x2="${x(maxRate)}" y2="${y(maxRate, maxRate)}" stroke="#ccc" stroke-dasharray="4 4"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">offered dossiers/s (open loop)</text>`,
    `<text x="14" y="${top - 8}" fill="#2b6cb0">completed dossiers/s</text>`,
    `<text x="${width - 12}" y="${top - 8}" text-anchor="end" fill="#c05621">p99 step latency ms (max ${Math.round(maxLatency)})</text>`,
  ];
  const points = (value: (run: LifecycleResult) => number, max: number) =>
    runs.map((run) => `${x(run.offeredPerSecond).toFixed(1)},${y(value(run), max).toFixed(1)}`).join(' ');
  parts.push(
    `<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="${points((run) => run.dossiersPerSecond, maxRate)}"/>`,
  );
  parts.push(
    `<polyline fill="none" stroke="#c05621" stroke-width="2" points="${points((run) => (Number.isFinite(run.allSteps.p99) ? run.allSteps.p99 : 0), maxLatency)}"/>`,
  );
  for (const run of runs) {
    parts.push(
      `<circle cx="${x(run.offeredPerSecond)}" cy="${y(run.dossiersPerSecond, maxRate)}" r="4" fill="#2b6cb0"/>`,
    );
    parts.push(
      `<text x="${x(run.offeredPerSecond)}" y="${height - bottom + 16}" text-anchor="middle">${number(run.offeredPerSecond, 1)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export function lifecycleSection(report: LifecycleReport, chartPath: string | undefined): string[] {
  const lines = [
    '## Full lifecycle, open loop (desk → land registry → tax connector → online payment → delivery)',
    '',
    "Dossiers arrive at a fixed rate whatever the system does; the bench takes each dossier's next action as soon as it sees the step open (poll every 100 ms): the desk and the land registry approve over HTTP, the tax office is the embedded connector sandbox (50 ms), the applicant pays on the embedded VNPay sandbox page (pay → signed IPN), the desk hands the result over. A run keeps up when every arrival reached `returned` within the drain time, without errors, at ≥ 90 % of the offered rate (dossiers/s: completions over their spread, at least the arrival window). **Step latency** is the engine's part, from the database: a step's creation minus the completion of the step before it (intake commit for the desk step). End to end includes the bench's own reaction time (up to 100 ms per human step).",
    '',
    `**Knee: ${number(report.kneePerSecond, 1)} dossiers/s** (highest offered rate kept up).`,
    '',
    `| offered /s | returned / arrived | dossiers/s | steps/s | step latency p50 / p99 ms (all) | ${LIFECYCLE_STEPS.map((step) => `${step} p50 / p99`).join(' | ')} | end to end p50 / p99 ms | kept up | errors | app CPU % of a core | app CPU ms per dossier | app RSS MiB (max) |`,
    `|---:|---|---:|---:|---|${LIFECYCLE_STEPS.map(() => '---|').join('')}---|---|---|---:|---:|---:|`,
    ...report.runs.map(lifecycleRow),
    '',
    ...(chartPath ? [`![knee](${chartPath})`, ''] : []),
  ];
  if (report.lateness && report.probeRun) {
    const lateness = report.lateness;
    lines.push(
      '## Timer lateness under load',
      '',
      `${number(lateness.background)} background timers pending (due in 30–60 days, inserted in ${number(lateness.backgroundSeconds)} s; Postgres only, their delayed jobs not in Redis), then ${lateness.armed} probe timers armed the way arming writes them (timer row + outbox row → delayed job), due over ${number(report.probeRun.arrivals / report.probeRun.offeredPerSecond)} s, while the lifecycle ran at ${number(lateness.loadPerSecond, 1)} dossiers/s (~70 % of the knee). Lateness = fired_at − due_at.`,
      '',
      '| fired / armed | p50 ms | p99 ms | max ms | fired by job / sweeper | lifecycle during the probe |',
      '|---|---:|---:|---:|---|---|',
      `| ${lateness.fired}/${lateness.armed} | ${number(lateness.p50)} | ${number(lateness.p99)} | ${number(lateness.max)} | ${lateness.byJob} / ${lateness.bySweeper} | ${number(report.probeRun.dossiersPerSecond, 2)} dossiers/s, step p99 ${number(report.probeRun.allSteps.p99)} ms, kept up: ${report.probeRun.keptUp ? 'yes' : 'no'} |`,
      '',
    );
  }
  lines.push(
    '## Memory per process (after the lifecycle runs)',
    '',
    '| process | RSS MiB |',
    '|---|---:|',
    ...report.memory.map((entry) => `| ${entry.name} | ${number(entry.rssMiB)} |`),
    '',
  );
  if (report.stored.length) {
    lines.push(
      '## Throughput with many stored dossiers (COPY preload)',
      '',
      'Stored dossiers are `returned` dossiers with three events each, loaded by `COPY ... FROM STDIN`. At each size: desk intake (16 clients, one desk, closed loop) and the lifecycle offered at 1.5 × the knee (what it completes is its capacity).',
      '',
      '| stored dossiers | preload s | intake req/s | intake p99 ms | lifecycle dossiers/s | step p99 ms |',
      '|---:|---:|---:|---:|---:|---:|',
      ...report.stored.map(
        (entry) =>
          `| ${number(entry.stored)} | ${number(entry.preloadSeconds)} | ${number(entry.intake.perSecond, 1)} | ${number(entry.intake.p99)} | ${number(entry.lifecycle.dossiersPerSecond, 2)} | ${number(entry.lifecycle.allSteps.p99)} |`,
      ),
      '',
    );
  }
  return lines;
}

/** The issue's targets this part measures, with how far off each is. */
export function lifecycleTargets(report: LifecycleReport, rawPipeline: number): TargetLine[] {
  const targets: TargetLine[] = [];
  const best = report.runs.reduce((max, run) => Math.max(max, run.stepsPerSecond), 0);
  const bestDossiers = report.runs.reduce((max, run) => Math.max(max, run.dossiersPerSecond), 0);
  targets.push({
    target: 'completed five-step dossiers/s ≥ 500',
    measured: `${number(bestDossiers, 1)} (best of the stepped runs)`,
    met: bestDossiers >= 500,
    gap: `${number(500 / bestDossiers, 0)}× short`,
  });
  if (Number.isFinite(rawPipeline)) {
    targets.push({
      target: 'lifecycle steps/s ≥ 0.7 × raw step pipeline',
      measured: `${number(best, 1)} / ${number(rawPipeline)} = ${number(best / rawPipeline, 3)}`,
      met: best / rawPipeline >= 0.7,
      gap: `${number((0.7 * rawPipeline) / best, 0)}× short`,
    });
  }
  const below = report.runs.filter((run) => run.keptUp);
  const worstP99 = below.reduce((max, run) => Math.max(max, run.allSteps.p99), 0);
  targets.push({
    target: 'p99 step latency < 100 ms below the knee',
    measured: below.length ? `${number(worstP99)} ms (worst kept-up run)` : 'no run kept up',
    met: below.length ? worstP99 < 100 : false,
    gap: below.length ? `${number(worstP99 / 100, 1)}× the target` : '–',
  });
  if (report.lateness) {
    targets.push({
      target: 'timer lateness p99 < 1 s at ~70 % load with many pending',
      measured: `${number(report.lateness.p99)} ms with ${number(report.lateness.background)} pending`,
      met: report.lateness.p99 < 1000,
      gap: report.lateness.p99 < 1000 ? '–' : `${number(report.lateness.p99 / 1000, 1)}× the target`,
    });
  }
  const app = report.memory[0];
  targets.push({
    target: '< 300 MB per process',
    measured: `app ${number(app.rssMiB)} MiB`,
    met: app.rssMiB < 300,
    gap: app.rssMiB < 300 ? '–' : `${number(app.rssMiB - 300)} MiB over`,
  });
  if (report.stored.length === 2) {
    const [small, large] = report.stored;
    const ratio = large.lifecycle.dossiersPerSecond / small.lifecycle.dossiersPerSecond;
    const intake = large.intake.perSecond / small.intake.perSecond;
    targets.push({
      target: `throughput at ${number(large.stored)} stored ≥ 0.8 × at 10k`,
      measured: `lifecycle ${number(ratio, 2)}, intake ${number(intake, 2)}`,
      met: ratio >= 0.8 && intake >= 0.8,
      gap: ratio >= 0.8 && intake >= 0.8 ? '–' : 'see the table',
    });
  }
  return targets;
}

export function writeKneeChart(svgPath: string, runs: LifecycleResult[], title: string): string {
  writeFileSync(svgPath, '');
  return writeChart(svgPath, kneeChartSvg(title, runs)) ?? svgPath;
}
