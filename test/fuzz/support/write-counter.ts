import type { DataSource } from 'typeorm';

/** Committed row writes (insert, update, delete) per table since the counter was installed. */
export type WriteCounts = Record<string, number>;

/**
 * A write counter for the test database (never a migration): a row trigger on every table of the schema
 * adds 1 per written row to `test_write_count`, inside the writing transaction, so a rolled-back write counts
 * nothing and a committed one always counts (updates too, which row counts would miss).
 */
export async function installWriteCounter(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE TABLE IF NOT EXISTS test_write_count (table_name text PRIMARY KEY, writes bigint NOT NULL);
    CREATE OR REPLACE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO test_write_count (table_name, writes) VALUES (TG_TABLE_NAME, 1)
      ON CONFLICT (table_name) DO UPDATE SET writes = test_write_count.writes + 1;
      RETURN NULL;
    END $$;`);
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'test_write_count'
       AND NOT c.relispartition`,
  );
  for (const { name } of tables) {
    await dataSource.query(`DROP TRIGGER IF EXISTS test_count_write ON "${name}"`);
    await dataSource.query(
      `CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_count_write()`,
    );
  }
}

export async function countWrites(dataSource: DataSource): Promise<WriteCounts> {
  const rows: Array<{ table_name: string; writes: string }> = await dataSource.query(
    `SELECT table_name, writes FROM test_write_count ORDER BY table_name`,
  );
  return Object.fromEntries(rows.map((row) => [row.table_name, Number(row.writes)]));
}

/** Tables whose count changed between two readings, with the difference. */
export function writesBetween(before: WriteCounts, after: WriteCounts): WriteCounts {
  const changed: WriteCounts = {};
  for (const [table, writes] of Object.entries(after)) {
    const difference = writes - (before[table] ?? 0);
    if (difference !== 0) changed[table] = difference;
  }
  return changed;
}
