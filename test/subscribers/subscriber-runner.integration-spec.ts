import { createDataSource, listEventSubscriberLag, tryLockEventSubscriber } from '@motcua/persistence';
import { appendDossierEvent, SubscriberRunner } from '@motcua/platform';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { createRecordingTables, insertSubscriberDossiers, RecordingSubscriber } from './support/subscriber-fixture';

const AT = new Date('2025-11-03T02:00:00Z');

/** Event subscribers (issue 9): commit-ordered reads that never skip a late commit, per-dossier order, retries. */
describe('dossier event subscribers (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dossiers: string[];

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 6 });
    await dataSource.initialize();
    dossiers = await insertSubscriberDossiers(dataSource, 7);
    await createRecordingTables(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const append = (manager: EntityManager, dossierId: string, type = 'test-event') =>
    appendDossierEvent(manager, { dossierId, type, payload: { dossierId }, actor: null, occurredAt: AT });

  function runner(subscriber: RecordingSubscriber, batchSize = 100): SubscriberRunner {
    return new SubscriberRunner(dataSource, [subscriber], {
      batchSize,
      pollIntervalMs: 20,
      now: () => AT,
      retryBaseMs: 10,
    });
  }

  async function applied(
    subscriber: string,
  ): Promise<Array<{ event_id: string; dossier_id: string; sequence: number }>> {
    return dataSource.query(
      `SELECT event_id::text AS event_id, dossier_id, sequence FROM subscriber_test_application
       WHERE subscriber = $1 ORDER BY applied_order`,
      [subscriber],
    );
  }

  async function openTransaction(): Promise<QueryRunner> {
    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    return queryRunner;
  }

  it('does not pass an event whose transaction took its id first and commits last', async () => {
    const subscriber = new RecordingSubscriber('late-commit');
    const run = runner(subscriber);
    await run.register();
    const late = await openTransaction();
    const lateEvent = await append(late.manager, dossiers[0]); // takes the lower id and the lower xid, stays open
    const early = await dataSource.transaction((manager) => append(manager, dossiers[1]));
    expect(BigInt(early.id)).toBeGreaterThan(BigInt(lateEvent.id));

    // The committed event waits behind the open transaction (an id-ordered cursor would apply it and move past the
    // late one for ever). (One pass: a waiting drain would wait for the open transaction.)
    expect(await run.drain({ waitMs: 0 })).toBe(0);
    const [waiting] = (await listEventSubscriberLag(dataSource.manager)).filter((lag) => lag.name === 'late-commit');
    expect(waiting.pendingEvents).toBe(1);

    await late.commitTransaction();
    await late.release();
    expect(await run.drain()).toBe(2);
    expect((await applied('late-commit')).map((row) => row.event_id)).toEqual([lateEvent.id, early.id]);
    const [caughtUp] = (await listEventSubscriberLag(dataSource.manager)).filter((lag) => lag.name === 'late-commit');
    expect(caughtUp).toMatchObject({ pendingEvents: 0, oldestPendingAgeMs: 0, appliedCount: 2, failureCount: 0 });
  });

  it('drain waits for an unrelated older transaction that hides a committed event, then applies it (one-shot catch-up)', async () => {
    const subscriber = new RecordingSubscriber('catch-up', undefined, 'end');
    const run = runner(subscriber);
    await run.register();
    // Any older open transaction (another process, another database of the server) holds the horizon back.
    const unrelated = await openTransaction();
    await unrelated.query('SELECT pg_current_xact_id()');
    const committed = await dataSource.transaction((manager) => append(manager, dossiers[6]));
    let finished = false;
    const draining = run.drain().then((applied) => {
      finished = true;
      return applied;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBe(false);
    await unrelated.commitTransaction();
    await unrelated.release();
    expect(await draining).toBe(1);
    expect((await applied('catch-up')).map((row) => row.event_id)).toEqual([committed.id]);
  });

  it("keeps a dossier's order when its later event comes from a transaction with an older id", async () => {
    const subscriber = new RecordingSubscriber('inverted-xids');
    const run = runner(subscriber);
    await run.register();
    const [dossier, other] = [dossiers[2], dossiers[3]];
    const older = await openTransaction();
    await append(older.manager, other); // this transaction gets its (older) transaction id now
    const first = await dataSource.transaction((manager) => append(manager, dossier)); // newer xid, commits first
    const second = await append(older.manager, dossier); // sequence 2 of the dossier, from the older transaction
    await older.commitTransaction();
    await older.release();
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    const orders: Array<{ id: string; tx_order: string; xmin: string }> = await dataSource.query(
      `SELECT id::text AS id, tx_order::text AS tx_order, xmin::text AS xmin FROM dossier_event WHERE id = ANY($1::bigint[])`,
      [[first.id, second.id]],
    );
    const byId = new Map(orders.map((row) => [row.id, row]));
    // The later event was raised to the earlier one's order (its own transaction id is lower).
    expect(BigInt(byId.get(second.id)!.xmin)).toBeLessThan(BigInt(byId.get(first.id)!.xmin));
    expect(byId.get(second.id)!.tx_order).toBe(byId.get(first.id)!.tx_order);

    await run.drain();
    const rows = (await applied('inverted-xids')).filter((row) => row.dossier_id === dossier);
    expect(rows.map((row) => row.sequence)).toEqual([1, 2]);
  });

  it('applies only the filtered types, retries a failed batch whole, and reports the failure', async () => {
    const subscriber = new RecordingSubscriber('filtered', ['wanted'], 'end', 2);
    const run = runner(subscriber, 2);
    await run.register();
    const dossier = dossiers[4];
    await dataSource.transaction(async (manager) => {
      await append(manager, dossier, 'wanted');
      await append(manager, dossier, 'ignored');
      await append(manager, dossier, 'wanted');
    });
    await expect(run.runBatch(subscriber)).rejects.toThrow('planned failure');
    expect(await applied('filtered')).toEqual([]);
    // The runner's loop records failures; do what it does, then look at the lag.
    run.start();
    const deadline = Date.now() + 20_000;
    while ((await applied('filtered')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await run.stop();
    const rows = await applied('filtered');
    expect(rows.map((row) => row.sequence)).toEqual([1, 3]);
    const [counter] = await dataSource.query(
      `SELECT applications::int AS n FROM subscriber_test_counter WHERE name = 'filtered'`,
    );
    expect(counter.n).toBe(2);
    const [lag] = (await listEventSubscriberLag(dataSource.manager)).filter((row) => row.name === 'filtered');
    expect(lag).toMatchObject({ pendingEvents: 0, appliedCount: 2, eventTypes: ['wanted'], failureCount: 0 });
    expect(lag.lastError).toContain('planned failure'); // the loop's failed attempt was recorded
  });

  it("starts a new 'end' subscriber after the events already committed", async () => {
    await dataSource.transaction((manager) => append(manager, dossiers[5]));
    const subscriber = new RecordingSubscriber('from-now', undefined, 'end');
    const run = runner(subscriber);
    await run.register();
    expect(await run.drain({ waitMs: 0 })).toBe(0);
    const next = await dataSource.transaction((manager) => append(manager, dossiers[5]));
    expect(await run.drain()).toBe(1);
    expect((await applied('from-now')).map((row) => row.event_id)).toEqual([next.id]);
  });

  it('lets one runner at a time apply a subscriber (advisory lock across connections)', async () => {
    const subscriber = new RecordingSubscriber('locked');
    const run = runner(subscriber);
    await run.register();
    await dataSource.transaction((manager) => append(manager, dossiers[0]));
    const holder = await openTransaction();
    expect(await tryLockEventSubscriber(holder.manager, 'locked')).toBe(true);
    expect(await run.runBatch(subscriber)).toEqual({ status: 'busy' });
    await holder.rollbackTransaction();
    await holder.release();
    expect((await run.runBatch(subscriber)).status).toBe('applied');
  });

  it('walks a long transaction in batches once each, in numeric (not text) id order', async () => {
    const subscriber = new RecordingSubscriber('batches');
    const run = runner(subscriber, 7);
    await run.register();
    // 130 events of one transaction share a tx_order; their ids cross a power of ten ('99' > '100' as text).
    const written = await dataSource.transaction(async (manager) => {
      const events = [];
      for (let index = 0; index < 130; index++) events.push(await append(manager, dossiers[index % 3]));
      return events;
    });
    await run.drain();
    const rows = await applied('batches');
    const fromThisTransaction = rows.filter((row) => written.some((event) => event.id === row.event_id));
    expect(fromThisTransaction.map((row) => row.event_id)).toEqual(written.map((event) => event.id));
  });

  it('refuses invalid and duplicate subscriber names', () => {
    const options = { batchSize: 1, pollIntervalMs: 10, now: () => AT };
    expect(() => new SubscriberRunner(dataSource, [new RecordingSubscriber('Bad Name')], options)).toThrow('invalid');
    expect(
      () =>
        new SubscriberRunner(dataSource, [new RecordingSubscriber('twice'), new RecordingSubscriber('twice')], options),
    ).toThrow('two event subscribers');
  });
});
