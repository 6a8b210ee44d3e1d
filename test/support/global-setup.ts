import './register-paths';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
// Relative imports only: jest global setup runs outside the test module mapper.
import { loadConfig, processEnvironment } from '../../libs/config/src/motcua-config';
import { createDataSource, runMigrationsUnderLock } from '../../libs/persistence/src/database/data-source';
import { databaseUrl, templateDatabaseName, withAdminClient } from './database';

const STALE_AFTER_MS = 2 * 3600 * 1000;

/**
 * Once per jest run: make sure the local Postgres and Redis are up (starting them if needed), then build a
 * freshly migrated template database that each test file copies.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync('bash', [join(root, 'scripts', 'services.sh'), 'start'], { stdio: 'inherit' });
  const config = loadConfig(processEnvironment());
  const template = templateDatabaseName();
  const created = await withAdminClient(config.DATABASE_URL, async (client) => {
    // Serialise template creation between concurrent test runs.
    await client.query('SELECT pg_advisory_lock(7261006342)');
    try {
      // Throwaway databases left by crashed runs (their name carries their creation time).
      const leftovers = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'motcua\\_t\\_%'`);
      for (const row of leftovers.rows as Array<{ datname: string }>) {
        const createdAt = parseInt(row.datname.split('_')[2], 36);
        if (Date.now() - createdAt > STALE_AFTER_MS)
          await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      }
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return false;
      await client.query(`CREATE DATABASE ${template}_building`).catch(async () => {
        await client.query(`DROP DATABASE ${template}_building WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${template}_building`);
      });
      const dataSource = createDataSource({
        url: databaseUrl(config.DATABASE_URL, `${template}_building`),
        poolSize: 2,
      });
      await dataSource.initialize();
      try {
        await runMigrationsUnderLock(dataSource);
      } finally {
        await dataSource.destroy();
      }
      await client.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`);
      return true;
    } finally {
      await client.query('SELECT pg_advisory_unlock(7261006342)');
    }
  });
  if (created) console.log(`test template database ${template} created`);
}
