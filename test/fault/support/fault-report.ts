import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../foundation/support/built-launcher';
import type { FaultRunResult } from './fault-run';

const formatLoad = (load: number[] | undefined) => (load ?? []).map((value) => value.toFixed(2)).join(' / ') || '?';
const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** The markdown report of a run: faults by kind, dossiers, lost, doubled, recovery time per fault. */
export function faultReportMarkdown(result: FaultRunResult): string {
  const { check, injected } = result;
  const lost = check.violations.filter((violation) => violation.rule === 'lost').length;
  const doubled = check.violations.filter((violation) => violation.rule === 'doubled').length;
  const recoveries = injected.map((fault) => fault.recoveryMs).filter((ms): ms is number => ms !== null);
  const kinds = [...new Set(injected.map((fault) => fault.kind))].sort();
  const lines = [
    `# Fault-injection run (${result.options.mode} mode, seed ${result.options.seed})`,
    '',
    `Started ${result.startedAt.toISOString()}, ${seconds(result.durationMs)} in all, on ${cpus().length} cores; ` +
      `own Postgres + Redis, 1 API + ${result.options.workers} worker processes (built launcher), ${result.options.inFlight} dossiers in flight.`,
    'Replay: `FAULT_SEED=' + result.options.seed + '` with the same mode.',
    `Machine load average (1/5/15 min): ${formatLoad(result.loadAtStart)} at the start, ${formatLoad(loadavg())} at the end. ` +
      'The machine is shared: a full run goes through the bench lane (`/work/wt/bench-run.sh`, nice -5) while other ' +
      "engineers' builds and tests run at nice 19.",
    '',
    '## Summary',
    '',
    '| measure | value |',
    '|---|---|',
    `| faults injected | ${injected.length} |`,
    `| dossiers acknowledged (2xx) | ${check.acknowledged} |`,
    `| terminal (returned/refused…) | ${check.terminal} |`,
    `| pending with live work after drain | ${check.pendingWithWork} |`,
    `| lost | ${lost} |`,
    `| doubled effects | ${doubled} |`,
    `| other violations | ${check.violations.length - lost - doubled} |`,
    `| fault problems (drain bound, recovery > bound, callback accepted…) | ${injected.reduce((sum, fault) => sum + fault.problems.length, 0)} |`,
    `| processes crashed on their own | ${result.crashedProcesses.length} |`,
    `| recovery: max / median | ${seconds(Math.max(0, ...recoveries))} / ${seconds(median(recoveries))} |`,
    `| driver actions per minute: before faults / after healing | ${result.baselinePerMinute.toFixed(0)} / ${result.afterHealingPerMinute.toFixed(0)} |`,
    `| effects: completed steps / paid fees / postal shipments / e-mails (one per Message-ID) / portal messages / deadline actions | ${check.effects.steps} / ${check.effects.payments} / ${check.effects.postalShipments} / ${check.effects.mails} / ${check.effects.portalMessages} / ${check.effects.deadlineActions} |`,
    `| e-mail redeliveries collapsed by the mailbox (same Message-ID) / resends in doubt recorded by the senders | ${check.effects.mailRedeliveries} / ${check.effects.mailResendsInDoubt} |`,
    '',
    '## Faults by kind',
    '',
    '| kind | count | max recovery | problems |',
    '|---|---|---|---|',
    ...kinds.map((kind) => {
      const ofKind = injected.filter((fault) => fault.kind === kind);
      const worst = Math.max(...ofKind.map((fault) => fault.recoveryMs ?? Infinity));
      return `| ${kind} | ${ofKind.length} | ${seconds(Number.isFinite(worst) ? worst : null)} | ${ofKind.reduce((sum, fault) => sum + fault.problems.length, 0)} |`;
    }),
    '',
    '## Violations',
    '',
    ...(check.violations.length === 0
      ? ['None.']
      : check.violations
          .slice(0, 200)
          .map((violation) => `- ${violation.rule} ${violation.dossierId ?? ''}: ${violation.detail}`)),
    '',
    '## Every fault',
    '',
    '| # | kind | detail | down | recovery | problems |',
    '|---|---|---|---|---|---|',
    ...injected.map(
      (fault) =>
        `| ${fault.index} | ${fault.kind} | ${fault.detail.replace(/\|/g, '/')} | ${seconds(fault.downMs)} | ${seconds(fault.recoveryMs)} | ${fault.problems.join('; ').replace(/\|/g, '/')} |`,
    ),
    '',
    '## Processes that exited on their own',
    '',
    ...(result.crashedProcesses.length === 0
      ? ['None.', '']
      : result.crashedProcesses.flatMap((crash) => {
          const [first, ...tail] = crash.split('\n');
          return [`- ${first}`, '', '```text', ...tail.map((line) => line.replace(/```/g, "'''")), '```', ''];
        })),
    '## Errors logged by the services (one per message)',
    '',
    ...(result.loggedErrors.length === 0
      ? ['None.']
      : result.loggedErrors.slice(0, 30).map((line) => `- \`${line.replace(/`/g, "'").replace(/\|/g, '/')}\``)),
    '',
    '## HTTP answers seen by the load driver',
    '',
    ...Object.entries(result.answers)
      .sort()
      .map(([key, count]) => `- ${key}: ${count}`),
    '',
  ];
  return lines.join('\n');
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Writes the report: committed reports under test/fault/reports, quick runs under .local/test-artifacts. */
export function writeFaultReport(result: FaultRunResult, where: 'reports' | 'artifacts'): string {
  const dir = where === 'reports' ? join(ROOT, 'test', 'fault', 'reports') : join(ROOT, '.local', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const file = join(dir, `fault-${result.options.mode}-${stamp}.md`);
  writeFileSync(file, faultReportMarkdown(result));
  return file;
}
