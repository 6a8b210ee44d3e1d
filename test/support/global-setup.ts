import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
// Relative imports only: jest global setup runs outside the test module mapper.
import { loadConfig, processEnvironment } from '../../libs/config/src/motcua-config';
import { createDataSource, runMigrationsUnderLock } from '../../libs/persistence/src/database/data-source';
import { TEMPLATE_DATABASE, databaseUrl, withAdminClient } from './database';

/**
 * Once per jest run: make sure the local Postgres and Redis are up (starting them if needed), then build a
 * freshly migrated template database that each test file copies.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync('bash', [join(root, 'scripts', 'services.sh'), 'start'], { stdio: 'inherit' });
  const config = loadConfig(processEnvironment());
  await withAdminClient(config.DATABASE_URL, async (client) => {
    const leftovers = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'motcua\\_t\\_%'`);
    for (const row of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = createDataSource({ url: databaseUrl(config.DATABASE_URL, TEMPLATE_DATABASE), poolSize: 2 });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
