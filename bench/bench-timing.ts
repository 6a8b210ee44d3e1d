/** Shared timing helpers for the benchmarks (percentiles over sequential runs, after a warm-up). */

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `work` `warmups` times (default 10) to warm up, then `runs` times sequentially; milliseconds. */
export async function measure(runs: number, work: (index: number) => Promise<unknown>, warmups = 10): Promise<Timing> {
  for (let index = 0; index < warmups; index++) await work(index);
  const timings: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = process.hrtime.bigint();
    await work(index);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return {
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    p99: percentile(timings, 99),
    max: timings[timings.length - 1],
  };
}
