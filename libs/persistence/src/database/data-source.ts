import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

export interface DatabaseOptions {
  url: string;
  applicationName?: string;
  poolSize?: number;
}

/**
 * A pg client that always has an 'error' listener. TypeORM listens on a checked-out client only until it releases
 * it: on a client's first error (57P01 when Postgres restarts) it removes its listener and hands the client back
 * to the pool, which ends it. A second error from the same socket ("Connection terminated unexpectedly") then had
 * no listener, and Node turns an unheard 'error' event into an exception that killed the whole worker process (the
 * fault suite's Postgres restarts, issue 17). The error itself still reaches the caller through the failed query.
 */
export class ResilientPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** The one DataSource definition, used by the apps, the CLI and the tests. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    // Never on: schema changes go through migrations.
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName ?? 'motcua',
    extra: { max: options.poolSize ?? 10, Client: ResilientPgClient },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

// Stable key for the migration advisory lock ('motcua-migrate').
const MIGRATION_LOCK_KEY = 7_261_006_341;

/**
 * Runs pending migrations under a Postgres advisory lock, so several processes booting at once on an
 * empty database migrate exactly once; the others wait, then find nothing pending.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
