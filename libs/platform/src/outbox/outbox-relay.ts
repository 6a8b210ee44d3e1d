import type { JobsOptions } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, outboxJobId } from '@motcua/queues';
import type { QueueRegistry } from '../queue-registry';

export interface OutboxRelayOptions {
  batchSize: number;
  pollIntervalMs: number;
  /** A published row not consumed after this long is re-published (its job may have died with Redis). */
  republishAfterMs: number;
  /** Current time, from the one clock abstraction. */
  now: () => Date;
  /** Per-queue job options (attempts, backoff...); the default applies otherwise. */
  jobOptionsFor?: (queue: string, jobName: string) => JobsOptions | undefined;
  onError?: (error: unknown) => void;
}

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  deliver_at: Date | null;
}

/**
 * Publishes outbox rows to BullMQ. Several relays may run at once (one per worker process):
 * `FOR UPDATE SKIP LOCKED` splits the rows between them, and jobId = outbox id makes a double publish a no-op.
 *
 * Recovery: rows published but not consumed after `republishAfterMs` are added again with the same job id.
 * BullMQ ignores an add whose id still exists (waiting, active, delayed, completed or failed), so only jobs
 * lost with Redis are recreated; consumers dedupe on the outbox row, so a recreated job runs once in effect.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastRepublishCheck = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes until no unpublished row is left; returns how many were published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.options.batchSize) return total;
    }
  }

  /**
   * One batch of never-published rows. The rows are claimed (marked published) in one short statement and
   * published to Redis after it commits: no transaction stays open across the Redis round trip, so the relay
   * never holds back the database's visibility horizon (which the event subscribers wait on) or row locks that
   * consumers need. A publish that fails un-claims its rows for the next tick; a relay that dies between the
   * claim and the publish leaves them to `republishStale`, after `republishAfterMs`.
   */
  async publishBatch(): Promise<number> {
    const rows = await this.claim(
      `SELECT id FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return 0;
    try {
      await this.publish(rows);
    } catch (error) {
      await this.dataSource
        .query(`UPDATE outbox_message SET published_at = NULL WHERE id = ANY($1::bigint[]) AND consumed_at IS NULL`, [
          rows.map((row) => row.id),
        ])
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  /** One batch of published-but-unconsumed rows older than the republish window (re-claimed, then re-added). */
  async republishStale(): Promise<number> {
    const staleBefore = new Date(this.options.now().getTime() - this.options.republishAfterMs);
    const rows = await this.claim(
      `SELECT id FROM outbox_message
       WHERE published_at IS NOT NULL AND consumed_at IS NULL
         AND published_at < $2 AND (deliver_at IS NULL OR deliver_at < $2)
       ORDER BY published_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.options.batchSize, staleBefore],
    );
    if (rows.length === 0) return 0;
    await this.publish(rows);
    return rows.length;
  }

  /** Marks the rows the `candidates` query selects as published now, in one autocommitted statement; returns them in id order. */
  private async claim(candidates: string, parameters: unknown[]): Promise<OutboxRow[]> {
    const now = this.options.now();
    const result = (await this.dataSource.query(
      `WITH claimed AS (${candidates})
       UPDATE outbox_message message SET published_at = $${parameters.length + 1}, publish_count = message.publish_count + 1
       FROM claimed WHERE message.id = claimed.id
       RETURNING message.id, message.queue, message.job_name, message.payload, message.deliver_at`,
      [...parameters, now],
    )) as [OutboxRow[], number] | OutboxRow[];
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as OutboxRow[];
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const now = this.options.now().getTime();
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    await Promise.all(
      [...byQueue.entries()].map(([queueName, queueRows]) =>
        this.queues.get(queueName).addBulk(
          queueRows.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: {
              ...DEFAULT_JOB_OPTIONS,
              ...this.options.jobOptionsFor?.(row.queue, row.job_name),
              jobId: outboxJobId(String(row.id)),
              delay: row.deliver_at ? Math.max(0, new Date(row.deliver_at).getTime() - now) : undefined,
            },
          })),
        ),
      ),
    );
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let busy = false;
    try {
      busy = (await this.publishBatch()) === this.options.batchSize;
      const since = Date.now() - this.lastRepublishCheck;
      if (since >= Math.min(this.options.republishAfterMs / 2, 5000)) {
        this.lastRepublishCheck = Date.now();
        await this.republishStale();
      }
    } catch (error) {
      this.options.onError?.(error);
    }
    this.schedule(busy ? 0 : this.options.pollIntervalMs);
  }
}
