#!/usr/bin/env node
// Ratio table of a compare-benches.sh run: for each bench and scenario, candidate / baseline of p50 and p95 (and of
// the timer bench's firing capacity), per round and as the geometric mean over rounds. Markdown on stdout.
// usage: node bench/compare/compare-reports.js <output dir of compare-benches.sh> [same-band, default 0.25]
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.argv[2];
const band = Number(process.argv[3] ?? 0.25);
const runs = readFileSync(join(dir, 'runs.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [round, bench, side, commit, seconds, loadBefore, loadAfter] = line.split('\t');
    return { round, bench, side, commit, seconds: Number(seconds), loadBefore, loadAfter };
  });

/** The first table whose header starts with "scenario": rows by scenario name, columns by header. */
function parseReport(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\|\s*scenario\s*\|/.test(line));
  const header = lines[start]
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
  const rows = new Map();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const values = {};
    header.forEach((name, index) => (values[name] = Number(cells[index].replace(/,/g, ''))));
    rows.set(cells[0], values);
  }
  const capacity = text.match(/Firing capacity measured first: ([\d.]+) timers\/s/);
  return { rows, capacity: capacity ? Number(capacity[1]) : null };
}

const geomean = (values) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
const fmt = (value) => (Number.isFinite(value) ? value.toFixed(2) : '—');
/** Latency: lower is better; capacity: higher is better. */
const verdict = (ratio, higherIsBetter = false) => {
  const gain = higherIsBetter ? ratio : 1 / ratio;
  return gain > 1 + band ? 'better' : gain < 1 / (1 + band) ? 'worse' : 'same';
};

const benches = [...new Set(runs.map((run) => run.bench))];
const out = [];
for (const bench of benches) {
  const rounds = [...new Set(runs.filter((run) => run.bench === bench).map((run) => run.round))];
  const pairs = rounds
    .map((round) => {
      const file = (side) => join(dir, `${round}-${bench}-${side}.md`);
      try {
        return { round, base: parseReport(file('base')), candidate: parseReport(file('candidate')) };
      } catch {
        return null;
      }
    })
    .filter(Boolean);
  if (pairs.length === 0) continue;
  out.push(`### ${bench}`, '');
  for (const run of runs.filter((run) => run.bench === bench)) {
    out.push(
      `- round ${run.round}, ${run.side} ${run.commit}: ${run.seconds} s, load average ${run.loadBefore} → ${run.loadAfter}`,
    );
  }
  out.push('', '| scenario | p50 ratio | p95 ratio | verdict (p50, p95) |', '|---|---:|---:|---|');
  const scenarios = [...pairs[0].base.rows.keys()].filter((name) =>
    pairs.every((pair) => pair.candidate.rows.has(name)),
  );
  const verdicts = [];
  for (const scenario of scenarios) {
    const ratio = (column) =>
      geomean(pairs.map((pair) => pair.candidate.rows.get(scenario)[column] / pair.base.rows.get(scenario)[column]));
    const p50 = ratio('p50 ms');
    const p95 = ratio('p95 ms');
    const said = `${verdict(p50)}, ${verdict(p95)}`;
    if (!/^baseline:/.test(scenario)) verdicts.push(verdict(p50), verdict(p95));
    out.push(`| ${scenario} | ${fmt(p50)} | ${fmt(p95)} | ${said} |`);
  }
  const missing = [...pairs[0].base.rows.keys()].filter((name) => !scenarios.includes(name));
  if (missing.length) out.push('', `Not in both reports (not compared): ${missing.join('; ')}.`);
  if (pairs.every((pair) => pair.base.capacity && pair.candidate.capacity)) {
    const capacity = geomean(pairs.map((pair) => pair.candidate.capacity / pair.base.capacity));
    verdicts.push(verdict(capacity, true));
    out.push(
      '',
      `Firing capacity: ${pairs.map((pair) => `${pair.base.capacity} → ${pair.candidate.capacity}`).join(', ')} timers/s, ratio ${fmt(capacity)} (${verdict(capacity, true)}).`,
    );
  }
  const count = (word) => verdicts.filter((v) => v === word).length;
  out.push(
    '',
    `Summary: ${count('better')} better, ${count('same')} same, ${count('worse')} worse (±${band * 100} % band).`,
    '',
  );
}
process.stdout.write(out.join('\n') + '\n');
