import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import { MotcuaConfig } from '@motcua/config';
import type { Job, Worker } from 'bullmq';
import { listEventSubscriberLag } from '@motcua/persistence';
import { QueueRegistry } from '../queue-registry';
import { DataSource } from 'typeorm';
import { ClockService } from '../clock.service';
import {
  addScrapeCollector,
  jobDuration,
  processGauge,
  startMetricsServer,
  stopMetricsServer,
} from './process-metrics';

/**
 * Prometheus metrics of a motcua process (issue 15): dossiers received by channel and resolved by timeliness (from
 * the indicator projections), open overdue dossiers, queue depth per queue and state, outbox backlog, subscriber lag,
 * timer lateness; HTTP latency is recorded by the API. Served at http://METRICS_HOST:METRICS_PORT/metrics when
 * METRICS_PORT is set (an internal port for the scraper, like the health of a worker: not an API route).
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private serving = false;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    addScrapeCollector('postgres', () => this.collectPostgres());
    addScrapeCollector('queues', () => this.collectQueues());
    this.timeJobs();
    if (this.config.METRICS_PORT > 0) {
      await startMetricsServer(this.config.METRICS_HOST, this.config.METRICS_PORT);
      this.serving = true;
      this.logger.log(`metrics at http://${this.config.METRICS_HOST}:${this.config.METRICS_PORT}/metrics`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.serving) await stopMetricsServer();
  }

  /** Job duration per queue from every @Processor worker of this process (processedOn → finishedOn). */
  private timeJobs(): void {
    const observe = (worker: Worker, outcome: string) => (job: Job | undefined) => {
      if (job?.processedOn && job.finishedOn) {
        jobDuration.observe({ queue: worker.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
      }
    };
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (!(instance instanceof WorkerHost)) continue;
      let worker: Worker | undefined;
      try {
        worker = instance.worker;
      } catch {
        worker = undefined; // a host whose worker never started
      }
      if (!worker) continue;
      worker.on('completed', observe(worker, 'completed'));
      worker.on('failed', observe(worker, 'failed'));
    }
  }

  private async collectPostgres(): Promise<void> {
    const now = this.clock.now();
    const received = processGauge('motcua_dossiers_received', 'Dossiers received since the start, by channel', [
      'channel',
    ]);
    const resolved = processGauge('motcua_dossiers_resolved', 'Dossiers resolved since the start, by timeliness', [
      'timeliness',
    ]);
    // Whole-history sums of the monthly roll-ups (rows grow with months × agencies × procedures, not with dossiers).
    const counters: Array<{ channel: string; metric: string; value: string }> = await this.dataSource.query(
      `SELECT channel, metric, sum(value)::text AS value FROM indicator_monthly_counter
       WHERE metric IN ('received', 'resolved.early', 'resolved.on-time', 'resolved.late', 'withdrawn')
       GROUP BY channel, metric`,
    );
    received.reset();
    resolved.reset();
    for (const row of counters) {
      if (row.metric === 'received') received.inc({ channel: row.channel }, Number(row.value));
      else resolved.inc({ timeliness: row.metric.replace('resolved.', '') }, Number(row.value));
    }
    const [open] = await this.dataSource.query(
      `SELECT count(*)::int AS overdue FROM indicator_dossier_fact
       WHERE ended_at IS NULL AND (facts->>'currentAppointmentAt')::timestamptz < $1
         AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(facts->'supplementWaits') w WHERE w->>'receivedAt' IS NULL)`,
      [now],
    );
    processGauge(
      'motcua_dossiers_open_overdue',
      'Open dossiers past their appointment (not waiting for the applicant)',
    ).set(open.overdue);
    const [outbox] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished, count(*)::int AS unconsumed,
              COALESCE(EXTRACT(EPOCH FROM ($1 - min(created_at))), 0)::float AS oldest
       FROM outbox_message WHERE consumed_at IS NULL AND (deliver_at IS NULL OR deliver_at <= $1)`,
      [now],
    );
    processGauge('motcua_outbox_unpublished', 'Outbox rows due and not yet published to a queue').set(
      outbox.unpublished,
    );
    processGauge('motcua_outbox_unconsumed', 'Outbox rows due and not yet consumed').set(outbox.unconsumed);
    processGauge('motcua_outbox_oldest_seconds', 'Age of the oldest due unconsumed outbox row').set(
      Math.max(0, outbox.oldest),
    );
    const [timers] = await this.dataSource.query(
      `SELECT count(*)::int AS late, COALESCE(EXTRACT(EPOCH FROM ($1 - min(due_at))), 0)::float AS lateness
       FROM deadline_timer WHERE status = 'pending' AND due_at <= $1`,
      [now],
    );
    processGauge('motcua_deadline_timers_due_unfired', 'Deadline timers due and not fired yet').set(timers.late);
    processGauge('motcua_deadline_timer_lateness_seconds', 'How late the oldest due, unfired deadline timer is').set(
      Math.max(0, timers.lateness),
    );
    const lagEvents = processGauge('motcua_subscriber_lag_events', 'Dossier events a subscriber has not applied yet', [
      'subscriber',
    ]);
    const lagSeconds = processGauge(
      'motcua_subscriber_lag_seconds',
      'Age of the oldest event a subscriber has not applied',
      ['subscriber'],
    );
    for (const lag of await listEventSubscriberLag(this.dataSource.manager)) {
      lagEvents.set({ subscriber: lag.name }, lag.pendingEvents);
      lagSeconds.set({ subscriber: lag.name }, (lag.oldestPendingAgeMs ?? 0) / 1000);
    }
  }

  private async collectQueues(): Promise<void> {
    const depth = processGauge('motcua_queue_jobs', 'Jobs per queue and state', ['queue', 'state']);
    for (const name of this.queues.names()) {
      const counts = await this.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      for (const [state, value] of Object.entries(counts)) depth.set({ queue: name, state }, value);
    }
  }
}
