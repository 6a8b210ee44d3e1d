/** Machine facts and autovacuum control shared by the read-side benchmarks (the machine is shared: say so). */
import { cpus, loadavg, totalmem } from 'node:os';
import type { DataSource } from 'typeorm';

/** CPUs, memory, Node and Postgres versions, and the 1/5/15-minute load average at this instant. */
export async function machineFacts(dataSource: DataSource): Promise<string> {
  const [{ version }] = await dataSource.query(`SELECT current_setting('server_version') AS version`);
  const [{ buffers }] = await dataSource.query(`SELECT current_setting('shared_buffers') AS buffers`);
  return (
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ` +
    `Postgres ${version} (shared_buffers ${buffers}); load average ${loadAverage()}`
  );
}

/** "1-min / 5-min / 15-min" load average now. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Autovacuum workers busy in this database right now. */
export async function autovacuumWorkers(dataSource: DataSource): Promise<number> {
  const [{ workers }] = await dataSource.query(
    `SELECT count(*)::int AS workers FROM pg_stat_activity
     WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
  );
  return workers;
}

/**
 * Turns autovacuum off for every table of this (throwaway) database and waits until no autovacuum worker runs in
 * it, so that measurement does not overlap a vacuum rewriting the visibility map. Call after VACUUM ANALYZE.
 */
export async function quietAutovacuum(dataSource: DataSource, waitMs = 15 * 60_000): Promise<void> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables`,
  );
  for (const table of tables) {
    await dataSource.query(
      `ALTER TABLE ${table.name} SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)`,
    );
  }
  const deadline = Date.now() + waitMs;
  while ((await autovacuumWorkers(dataSource)) > 0) {
    if (Date.now() > deadline) throw new Error('an autovacuum worker is still running in the bench database');
    await dataSource.query('SELECT pg_sleep(1)');
  }
}
