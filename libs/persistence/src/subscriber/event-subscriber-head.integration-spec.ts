import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { insertSubscriberDossiers } from '../../../../test/subscribers/support/subscriber-fixture';
import { createDataSource } from '../database/data-source';
import { readDossierEventHead } from './event-subscriber.repository';

/**
 * The head of the readable event log is the newest (tx_order, id) by number. The query once ordered by its own
 * `::text` output aliases: a text sort (every probe a sequential scan and sort of the whole log, ~0.7 s at 900k
 * events) whose "newest" stuck at '99999' once transaction ids passed 100,000, so idle runners skipped subscribers
 * that were behind.
 */
describe('readDossierEventHead (Postgres)', () => {
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

  it('returns the numerically newest position below the horizon, not the textually largest', async () => {
    const [dossier] = await insertSubscriberDossiers(dataSource, 1);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM dossier_event`)).toEqual([{ n: 0 }]);
    // tx_order 9 and 10: both long committed (below any snapshot's xmin); as text, '9' > '10'.
    const ids: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO dossier_event (dossier_id, sequence, type, payload, occurred_at, previous_hash, hash, tx_order)
       VALUES ($1, 1, 'test-event', '{}', now(), 'genesis', 'h1', '9'::xid8),
              ($1, 2, 'test-event', '{}', now(), 'h1', 'h2', '10'::xid8)
       RETURNING id::text AS id`,
      [dossier],
    );
    expect(await readDossierEventHead(dataSource.manager)).toEqual({ tx: '10', eventId: ids[1].id });
  });
});
