import { createDataSource, ProcessDefinitionRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { countStatements } from './support/statement-counter';

/** Issue 16: the pinned definition is read once per process when published (immutable), every time while a draft. */
describe('ProcessDefinitionRepository.findPinned', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('caches published versions only', async () => {
    const catalog = await seedCatalog(dataSource);
    const procedureId = catalog.procedures.get('1.000775')!.id;
    const document = (name: string) =>
      ({
        procedureCode: '1.000775',
        legalTime: { workingDays: 1 },
        handover: 'electronic',
        start: 'a',
        steps: [
          {
            id: 'a',
            name,
            kind: 'task',
            agency: { role: 'receiving-desk' },
            budget: { workingHours: 1 },
            transitions: { approve: '@end:result-ready' },
          },
        ],
      }) as never;
    const definitions = new ProcessDefinitionRepository(dataSource.manager);
    const draft = await dataSource.transaction((manager) =>
      new ProcessDefinitionRepository(manager).createDraft(procedureId, document('first'), null),
    );
    expect((await definitions.findPinned(draft.id))?.document.steps[0]).toMatchObject({ name: 'first' });
    await dataSource.transaction((manager) =>
      new ProcessDefinitionRepository(manager).updateDraft(draft.id, document('second')),
    );
    expect((await definitions.findPinned(draft.id))?.document.steps[0]).toMatchObject({ name: 'second' });

    await dataSource.transaction((manager) => new ProcessDefinitionRepository(manager).publish(draft.id, new Date()));
    expect((await definitions.findPinned(draft.id))?.status).toBe('published');
    const again = await countStatements(dataSource, () => definitions.findPinned(draft.id));
    expect(again.count).toBe(0);
    expect(await definitions.findPinned('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
