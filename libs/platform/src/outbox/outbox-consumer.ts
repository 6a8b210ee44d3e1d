import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { outboxIdOfJob } from '@motcua/queues';

export type ConsumeResult = 'processed' | 'duplicate';

/**
 * Runs a consumer's effect exactly once in effect for an outbox-fed job: the outbox row is marked consumed
 * in the same transaction as the effect, so a duplicate delivery (retry, Redis recovery, replay) finds it
 * consumed and does nothing.
 */
export async function consumeOutboxJob(
  dataSource: DataSource,
  job: Pick<Job, 'id' | 'name'>,
  now: Date,
  effect: (manager: EntityManager) => Promise<void>,
  options: {
    /**
     * Takes the consumer's aggregate lock (e.g. the dossier row) before the outbox row is marked, for consumers
     * whose outbox row other transactions also update after taking that lock: keeps one lock order everywhere.
     */
    lockFirst?: (manager: EntityManager) => Promise<void>;
  } = {},
): Promise<ConsumeResult> {
  const messageId = outboxIdOfJob(job.id);
  if (!messageId) throw new UnrecoverableError(`job ${job.id} (${job.name}) did not come from the outbox`);
  return dataSource.transaction(async (manager) => {
    await options.lockFirst?.(manager);
    const first = await markConsumed(manager, messageId, now);
    if (!first) return 'duplicate';
    await effect(manager);
    return 'processed';
  });
}

/**
 * Marks the outbox row consumed in the consumer's transaction; false when it already was (a duplicate delivery).
 * Concurrent deliveries serialise on the row lock. (Here rather than in @motcua/persistence so that queues depends
 * on persistence for types only: persistence imports the queue contracts at run time.)
 */
async function markConsumed(manager: EntityManager, messageId: string, at: Date): Promise<boolean> {
  const result: [unknown[], number] = await manager.query(
    `UPDATE outbox_message SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING id`,
    [messageId, at],
  );
  return result[1] > 0;
}
