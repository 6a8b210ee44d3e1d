import { createDataSource, lockDossierRow } from '@motcua/persistence';
import { DataSource, QueryRunner } from 'typeorm';
import { insertDossierRows } from '../../apps/workflow/src/deadlines/testing/dossier-rows';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { seedCatalog } from './support/catalog-fixture';

/**
 * The dossier row lock (issue 16): writers of one dossier still exclude each other, but a row that only references
 * the dossier (here a clock entry, as subscribers and workers write) is not held up by a locker's transaction.
 */
describe('lockDossierRow', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dossierId: string;
  let holder: QueryRunner;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 3 });
    await dataSource.initialize();
    const catalog = await seedCatalog(dataSource);
    await insertDossierRows(dataSource, 1, {
      procedureId: [...catalog.procedures.values()][0].id,
      agencyId: [...catalog.agencies.values()][0].id,
      codePrefix: 'LOCK',
    });
    [{ id: dossierId }] = await dataSource.query(`SELECT id FROM dossier`);
  });

  beforeEach(async () => {
    holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    expect(await lockDossierRow(holder.manager, dossierId)).toBe(true);
  });

  afterEach(async () => {
    await holder.rollbackTransaction();
    await holder.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps a second locker out while the first holds the lock', async () => {
    const locked = await dataSource.transaction((manager) => lockDossierRow(manager, dossierId, { skipLocked: true }));
    expect(locked).toBe(false);
  });

  it('lets another transaction insert a row referencing the dossier meanwhile', async () => {
    // With FOR UPDATE the foreign-key check (FOR KEY SHARE) would wait for the holder and hit the lock timeout.
    const inserted = await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '5s'`);
      return manager.query(
        `INSERT INTO clock_entry (dossier_id, type, at) VALUES ($1, 'start', now()) RETURNING dossier_id`,
        [dossierId],
      );
    });
    expect(inserted).toEqual([{ dossier_id: dossierId }]);
  });
});
