import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process (the launcher runs several services in one process: they share it). Gauges
 * read from Postgres and Redis at scrape time through the collectors the services add (`addScrapeCollector`).
 * WARNING: metric names are persistent (dashboards and alerts use them).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'motcua_process_' });

export const httpRequestDuration = new Histogram({
  name: 'motcua_http_request_duration_seconds',
  help: 'HTTP request latency of the API by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'motcua_job_duration_seconds',
  help: 'Duration of processed queue jobs by queue and outcome',
  labelNames: ['queue', 'outcome'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

type Collector = () => Promise<void>;
const collectors = new Map<string, Collector>();

/** Gauges set at scrape time; one collector per key (a second service in the process does not add it twice). */
export function addScrapeCollector(key: string, collector: Collector): void {
  if (!collectors.has(key)) collectors.set(key, collector);
}

export function removeScrapeCollector(key: string): void {
  collectors.delete(key);
}

/** A gauge registered once per process (the same name from two services returns the first). */
export function processGauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Gauge<string>;
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}

/** The text exposition: runs every collector (a failing one is skipped, counted in motcua_metrics_collect_errors). */
export async function renderMetrics(): Promise<string> {
  const errors = processGauge('motcua_metrics_collect_errors', 'Scrape collectors that failed on the last scrape');
  let failed = 0;
  await Promise.all(
    [...collectors.values()].map((collect) =>
      collect().catch(() => {
        failed += 1;
      }),
    ),
  );
  errors.set(failed);
  return metricsRegistry.metrics();
}

let server: { instance: Server; users: number } | undefined;

/** Serves GET /metrics on host:port, once per process (reference-counted: the last `stop` closes it). */
export async function startMetricsServer(host: string, port: number): Promise<void> {
  if (server) {
    server.users += 1;
    return;
  }
  const instance = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    renderMetrics().then(
      (text) => response.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  server = { instance, users: 1 };
  await new Promise<void>((resolve, reject) => {
    instance.once('error', reject);
    instance.listen(port, host, () => resolve());
  });
}

export async function stopMetricsServer(): Promise<void> {
  if (!server) return;
  server.users -= 1;
  if (server.users > 0) return;
  const { instance } = server;
  server = undefined;
  await new Promise<void>((resolve) => instance.close(() => resolve()));
}
