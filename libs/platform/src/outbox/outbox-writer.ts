import type { OutboxEntry } from '@motcua/queues';
import { EntityManager } from 'typeorm';

/**
 * Writes outbox rows inside the caller's transaction (pass the transaction's EntityManager).
 * Returns the ids written; rows whose dedupe key already exists are skipped.
 */
export async function writeOutbox(manager: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("writeOutbox must be called inside a transaction, with that transaction's EntityManager");
  }
  const values: unknown[] = [];
  const rows = entries.map((entry, index) => {
    values.push(
      entry.queue,
      entry.jobName,
      JSON.stringify(entry.payload),
      entry.dedupeKey ?? null,
      entry.deliverAt ?? null,
    );
    const base = index * 5;
    return `($${base + 1}, $${base + 2}, $${base + 3}::jsonb, $${base + 4}, $${base + 5})`;
  });
  const result: Array<{ id: string }> = await manager.query(
    `INSERT INTO outbox_message (queue, job_name, payload, dedupe_key, deliver_at)
     VALUES ${rows.join(', ')}
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    values,
  );
  return result.map((row) => String(row.id));
}

/**
 * Marks the outbox rows with these dedupe keys consumed (at `at`, else the database's now) if they are not yet, in
 * the caller's transaction: for messages made moot before they were consumed (a cancelled or fired deadline timer),
 * so the relay never publishes them and a job already in Redis finds its row consumed (a duplicate).
 */
export async function settleOutboxByDedupeKeys(
  manager: EntityManager,
  dedupeKeys: string[],
  at: Date | null,
): Promise<void> {
  if (dedupeKeys.length === 0) return;
  await manager.query(
    `UPDATE outbox_message SET consumed_at = coalesce($2, now()) WHERE dedupe_key = ANY($1::text[]) AND consumed_at IS NULL`,
    [dedupeKeys, at],
  );
}
