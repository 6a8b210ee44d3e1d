import { processConfig } from '@motcua/config';
import { createDataSource, runMigrationsUnderLock } from '../database/data-source';
import { SEEDS } from '../seed';

/** `npm run seed`: demo agencies, procedures, users, process definitions. Idempotent. */
async function main(): Promise<void> {
  const config = processConfig();
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua-seed' });
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
    for (const [index, seed] of SEEDS.entries()) {
      console.log(`seed [${index + 1}/${SEEDS.length}] ${seed.name}`);
      await dataSource.transaction((manager) => seed.run(manager, (line) => console.log(`  ${line}`), { config }));
    }
    console.log('seed: done');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
