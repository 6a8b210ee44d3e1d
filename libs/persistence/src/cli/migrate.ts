import { processConfig } from '@motcua/config';
import { createDataSource, runMigrationsUnderLock } from '../database/data-source';

/** One-shot migration command (`npm run migrate`, the compose `migrate` service). */
async function main(): Promise<void> {
  const config = processConfig();
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua-migrate' });
  await dataSource.initialize();
  try {
    const ran = await runMigrationsUnderLock(dataSource);
    console.log(ran.length > 0 ? `migrate: ran ${ran.join(', ')}` : 'migrate: schema up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
