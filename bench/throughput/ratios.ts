import { Comparison, Ratio, Row } from './report';

/** Mean rate of the rows with this exact name (runs repeated over rounds), NaN when none. */
function mean(
  rows: Row[],
  name: string,
  field: 'perSecond' | 'p50' | 'appCpuMs' | 'databaseCpuMs' = 'perSecond',
): number {
  const values = rows.filter((row) => row.name === name).map((row) => row[field] ?? NaN);
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN;
}

/**
 * The targets as same-run ratios (system over its baseline), and, with a before app in the run, each
 * system figure of this checkout over the same figure of the before checkout.
 */
export function benchRatios(rows: Row[], beforeLabels: string[]): { ratios: Ratio[]; comparisons: Comparison[] } {
  const health = mean(rows, 'GET /health/live, 16 clients');
  const intake1 = mean(rows, 'POST /dossiers (accept), 1 client');
  const intakeOne = mean(rows, 'POST /dossiers, 16 clients, one desk');
  const intakeTwo = mean(rows, 'POST /dossiers, 16 clients, two desks');
  const routed = mean(rows, 'step completions routed (next step started)');
  const pipeline = mean(rows, 'raw step pipeline, 16 connections');
  const pg16 = mean(rows, 'Postgres SELECT 1, 16 connections');
  const pg1Latency = mean(rows, 'Postgres SELECT 1, 1 connection', 'p50');
  const intake1Latency = mean(rows, 'POST /dossiers (accept), 1 client', 'p50');
  const fixed = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
  const ratios: Ratio[] = [
    {
      name: 'intake, one desk, 16 clients / health',
      ratio: intakeOne / health,
      target: 0.25,
      explanation: `${fixed(intakeOne)} / ${fixed(health)} req/s (health: mean of this app's health runs)`,
    },
    {
      name: 'intake, two desks, 16 clients / health',
      ratio: intakeTwo / health,
      target: 0.5,
      explanation: `${fixed(intakeTwo)} / ${fixed(health)} req/s`,
    },
    {
      name: 'intake, 1 client / health',
      ratio: intake1 / health,
      explanation: `${fixed(intake1)} / ${fixed(health)} req/s`,
    },
    {
      name: 'steps routed / raw step pipeline',
      ratio: routed / pipeline,
      target: 0.7,
      explanation: `${fixed(routed)} / ${fixed(pipeline)} steps/s`,
    },
    {
      name: 'raw step pipeline / Postgres SELECT 1 (16)',
      ratio: pipeline / pg16,
      explanation: 'five round trips per step plus an enqueue: the floor of a three-write transaction',
    },
    {
      name: 'intake latency (1 client) / Postgres round trip',
      ratio: intake1Latency / pg1Latency,
      explanation: `p50 ${intake1Latency.toFixed(1)} ms / ${pg1Latency.toFixed(2)} ms`,
    },
  ].filter((ratio) => !Number.isNaN(ratio.ratio));
  const comparisons: Comparison[] = [];
  const names = [...new Set(rows.filter((row) => row.kind === 'system').map((row) => row.name))];
  for (const beforeLabel of beforeLabels) {
    for (const name of names.filter((candidate) => !beforeLabels.some((label) => candidate.endsWith(label)))) {
      const after = mean(rows, name);
      const before = mean(rows, `${name}${beforeLabel}`);
      if (Number.isNaN(before)) continue;
      const unit = rows.find((row) => row.name === name)?.unit ?? '';
      comparisons.push({
        name: `${name}, vs${beforeLabel}`,
        unit,
        before,
        after,
        ratio: after / before,
        beforeP50: mean(rows, `${name}${beforeLabel}`, 'p50'),
        afterP50: mean(rows, name, 'p50'),
        beforeCpuMs: mean(rows, `${name}${beforeLabel}`, 'appCpuMs'),
        afterCpuMs: mean(rows, name, 'appCpuMs'),
        beforeDatabaseCpuMs: mean(rows, `${name}${beforeLabel}`, 'databaseCpuMs'),
        afterDatabaseCpuMs: mean(rows, name, 'databaseCpuMs'),
      });
    }
  }
  return { ratios, comparisons };
}
