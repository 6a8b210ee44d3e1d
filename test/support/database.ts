import { Client } from 'pg';
import { createHash, randomBytes } from 'node:crypto';
// Relative import: this file is also loaded by jest's global setup, outside the module mapper.
import { MIGRATIONS } from '../../libs/persistence/src/migrations';

/**
 * The migrated template database is named after the migrations' content, so concurrent test runs with the
 * same schema share it, and a changed or added migration gets a fresh template.
 */
export function templateDatabaseName(): string {
  const fingerprint = createHash('sha1');
  for (const migration of MIGRATIONS) fingerprint.update(migration.name).update(migration.prototype.up.toString());
  return `motcua_tpl_${fingerprint.digest('hex').slice(0, 12)}`;
}

/** The same URL with another database name. */
export function databaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(baseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one test file: a copy of the migrated template (fast), or an empty one.
 * Tests never share a database, so they cannot see each other's rows.
 */
export async function createTestDatabase(baseUrl: string, options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `motcua_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdminClient(baseUrl, (client) =>
    client.query(
      options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName()}`,
    ),
  );
  return {
    name,
    url: databaseUrl(baseUrl, name),
    drop: () =>
      withAdminClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
