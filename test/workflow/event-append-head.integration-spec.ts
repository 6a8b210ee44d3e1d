import { DataSource } from 'typeorm';
import {
  createDataSource,
  insertDossierEvent,
  lockDossierRowReadingHead,
  rememberChainHead,
  verifyDossierEventChain,
} from '@motcua/persistence';
import { insertDossierRows } from '../../apps/workflow/src/deadlines/testing/dossier-rows';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

/**
 * Issue 16: the event append takes the chain head from a hint when it has one; the hint is only an optimisation.
 * A stale or wrong hint (another append it did not see, a rolled-back savepoint) still gives sequence = head + 1
 * and previous_hash = the head's hash: the INSERT checks the hint and the append re-reads the head.
 */
describe('dossier event append with a head hint', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dossierId: string;
  const event = (type: string) => ({ dossierId, type, payload: { type }, actor: null, occurredAt: new Date() });

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 3 });
    await dataSource.initialize();
    const catalog = await seedCatalog(dataSource);
    await insertDossierRows(dataSource, 1, {
      procedureId: [...catalog.procedures.values()][0].id,
      agencyId: [...catalog.agencies.values()][0].id,
      codePrefix: 'HEAD',
    });
    [{ id: dossierId }] = await dataSource.query(`SELECT id FROM dossier`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function sequences(): Promise<number[]> {
    const rows: Array<{ sequence: number }> = await dataSource.query(
      `SELECT sequence FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossierId],
    );
    return rows.map((row) => Number(row.sequence));
  }

  it('appends after the stored head whatever the hint says, and keeps the chain valid', async () => {
    await dataSource.transaction(async (manager) => {
      expect(await lockDossierRowReadingHead(manager, dossierId)).toBe(true);
      expect((await insertDossierEvent(manager, event('first'), { dossierLocked: true })).sequence).toBe(1);
      expect((await insertDossierEvent(manager, event('second'), { dossierLocked: true })).sequence).toBe(2);
      // A hint that lags behind (an append it did not see) and one that runs ahead (a savepoint rolled back).
      rememberChainHead(manager, dossierId, null);
      expect((await insertDossierEvent(manager, event('third'), { dossierLocked: true })).sequence).toBe(3);
      rememberChainHead(manager, dossierId, { sequence: 9, hash: 'f'.repeat(64), txOrder: '1' });
      expect((await insertDossierEvent(manager, event('fourth'), { dossierLocked: true })).sequence).toBe(4);
    });
    await dataSource.transaction(async (manager) => {
      await insertDossierEvent(manager, event('fifth'));
      await manager.query('SAVEPOINT s');
      await insertDossierEvent(manager, event('rolled-back'), { dossierLocked: true });
      await manager.query('ROLLBACK TO SAVEPOINT s');
      expect((await insertDossierEvent(manager, event('sixth'), { dossierLocked: true })).sequence).toBe(6);
    });
    expect(await sequences()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyDossierEventChain(dataSource.manager, dossierId)).toEqual({ valid: true, eventCount: 6 });
  });

  it('refuses an append to a dossier that does not exist', async () => {
    await expect(
      dataSource.transaction((manager) =>
        insertDossierEvent(manager, { ...event('x'), dossierId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).rejects.toThrow('not found');
  });
});
