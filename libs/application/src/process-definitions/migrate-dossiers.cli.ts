import { processConfig } from '@motcua/config';
import { createDataSource } from '@motcua/persistence';
import { migrateOpenDossiers } from './migrate-open-dossiers.use-case';

/**
 * `npm run workflow:migrate-dossiers -- <toDefinitionId> [--from <definitionId>] [--map old=new ...]`:
 * moves open dossiers to a published process-definition version (same rules as
 * POST /process-definitions/:id/migrate-dossiers), one transaction, logged per dossier.
 */
async function main(argv: string[]): Promise<void> {
  const [toDefinitionId, ...rest] = argv;
  if (!toDefinitionId)
    throw new Error('usage: migrate-dossiers <toDefinitionId> [--from <definitionId>] [--map old=new ...]');
  const stepMapping: Record<string, string> = {};
  let fromDefinitionId: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    if (rest[index] === '--from') fromDefinitionId = rest[++index];
    else if (rest[index] === '--map') {
      const [from, to] = (rest[++index] ?? '').split('=');
      if (!from || !to) throw new Error(`--map expects old=new, got '${rest[index]}'`);
      stepMapping[from] = to;
    } else throw new Error(`unknown argument '${rest[index]}'`);
  }
  const config = processConfig();
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua-migrate-dossiers' });
  await dataSource.initialize();
  try {
    const result = await dataSource.transaction((manager) =>
      migrateOpenDossiers(manager, { toDefinitionId, fromDefinitionId, stepMapping, actor: null, now: new Date() }),
    );
    console.log(`migrated ${result.migrated.length} dossier(s) to version ${result.toVersion}`);
    for (const row of result.migrated)
      console.log(`  ${row.dossierId}: version ${row.fromVersion} → ${result.toVersion}`);
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`migrate-dossiers: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
