import { createDataSource, listEventSubscriberLag } from '@motcua/persistence';
import { appendDossierEvent, createRedis } from '@motcua/platform';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PrivateRedis, startPrivateRedis } from '../support/private-redis';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig, waitFor } from '../support/test-config';
import { scaled } from '../support/test-scale';
import { createRecordingTables, insertSubscriberDossiers } from './support/subscriber-fixture';

const ROOT = join(__dirname, '..', '..');
/** 10,000 at full scale (`npm run test:scale`, issue 9 acceptance 3), 2,000 in `npm test`. */
const TOTAL_EVENTS = scaled(10_000, 2_000);
/** The first subscriber process is killed once it has applied this many (1,500 at full scale). */
const KILL_AFTER = Math.round(TOTAL_EVENTS * 0.15);
const DOSSIERS = 200;
const WRITERS = 8;
const SUBSCRIBER = 'acceptance';
const AT = new Date('2025-11-03T02:00:00Z');

/**
 * Issue 9, acceptance 3: 10,000 events written by concurrent transactions — some take their event ids and then
 * sleep before committing (so they commit out of id order), some roll back (real gaps) — while the subscriber runs
 * in a separate OS process that is killed with SIGKILL mid-way; Redis is flushed; two new subscriber processes
 * take over. Every event is applied exactly once (unique key + counter), in sequence order per dossier, and the
 * lag returns to 0.
 */
describe('event subscriber: exactly once across SIGKILL and a Redis flush', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: PrivateRedis;
  let dossiers: string[];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: WRITERS + 4 });
    await dataSource.initialize();
    dossiers = await insertSubscriberDossiers(dataSource, DOSSIERS);
    await createRecordingTables(dataSource);
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dataSource?.destroy();
    await database?.drop();
    await redis?.stop();
  });

  function startSubscriberProcess(): Promise<ChildProcess> {
    const job = {
      databaseUrl: database.url,
      redisUrl: redis.url,
      queuePrefix: `s${randomBytes(3).toString('hex')}`,
      batchSize: 50,
    };
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, 'test/support/ts-register.js'),
        join(__dirname, 'support/subscriber.process.ts'),
        JSON.stringify(job),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += chunk));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code, signal) => reject(new Error(`subscriber process exited ${code ?? signal}: ${errors}`)));
    });
  }

  async function appliedCount(): Promise<number> {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM subscriber_test_application`);
    return row.n;
  }

  /** Writes exactly TOTAL_EVENTS committed events; returns how many sleeping transactions committed behind newer ids. */
  async function writeEvents(): Promise<{ lateCommitsBehindNewerIds: number; rolledBack: number }> {
    let remaining = TOTAL_EVENTS;
    let transactions = 0;
    let lateCommitsBehindNewerIds = 0;
    let rolledBack = 0;
    const writer = async (): Promise<void> => {
      while (remaining > 0) {
        const number = ++transactions;
        const size = Math.min(remaining, 1 + (number % 4));
        const rollback = number % 53 === 0;
        const sleepBeforeCommit = number % 61 === 0 ? 100 + (number % 7) * 25 : 0;
        if (!rollback) remaining -= size;
        // Distinct dossiers in a fixed order (no lock-order deadlocks between writers).
        const targets = [...new Set(Array.from({ length: size }, (_, index) => (number * 7 + index * 13) % DOSSIERS))]
          .sort((a, b) => a - b)
          .map((index) => dossiers[index]);
        const events = targets.length;
        if (!rollback) remaining += size - events;
        const queryRunner = dataSource.createQueryRunner();
        await queryRunner.connect();
        try {
          await queryRunner.startTransaction();
          let maxId = 0n;
          for (const dossierId of targets) {
            const appended = await appendDossierEvent(queryRunner.manager, {
              dossierId,
              type: number % 2 === 0 ? 'test-even' : 'test-odd',
              payload: { transaction: number },
              actor: null,
              occurredAt: AT,
            });
            if (BigInt(appended.id) > maxId) maxId = BigInt(appended.id);
          }
          if (sleepBeforeCommit > 0) await new Promise((resolve) => setTimeout(resolve, sleepBeforeCommit));
          if (rollback) {
            await queryRunner.rollbackTransaction();
            rolledBack++;
            continue;
          }
          if (sleepBeforeCommit > 0) {
            const [{ newest }] = await dataSource.query(
              `SELECT coalesce(max(id), 0)::text AS newest FROM dossier_event`,
            );
            if (BigInt(newest) > maxId) lateCommitsBehindNewerIds++;
          }
          await queryRunner.commitTransaction();
        } finally {
          await queryRunner.release();
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, () => writer()));
    return { lateCommitsBehindNewerIds, rolledBack };
  }

  it(`applies each of ${TOTAL_EVENTS} events exactly once, in dossier order, after SIGKILL and FLUSHALL`, async () => {
    const writing = writeEvents();
    const first = await startSubscriberProcess();
    await waitFor(
      `the first subscriber process to apply ${KILL_AFTER} events`,
      async () => (await appliedCount()) >= KILL_AFTER,
      120_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) =>
      first.exitCode !== null || first.signalCode !== null ? resolve(undefined) : first.once('exit', resolve),
    );
    expect(first.signalCode).toBe('SIGKILL');
    const appliedAtKill = await appliedCount();
    const flusher = createRedis(redis.url, 'acceptance-flush');
    await flusher.flushall();

    // Two processes take over (one applies at a time: the advisory lock); Redis is flushed again under them.
    const [second, third] = await Promise.all([startSubscriberProcess(), startSubscriberProcess()]);
    await flusher.flushall();
    const written = await writing;
    await waitFor(
      'the subscriber to catch up',
      async () => {
        const [lag] = (await listEventSubscriberLag(dataSource.manager)).filter((row) => row.name === SUBSCRIBER);
        return lag?.pendingEvents === 0 && (await appliedCount()) >= TOTAL_EVENTS ? lag : undefined;
      },
      300_000,
    );
    await flusher.quit();
    second.kill('SIGTERM');
    third.kill('SIGTERM');

    // The kill really was mid-way, and the writes really committed out of id order and left gaps.
    expect(appliedAtKill).toBeGreaterThan(0);
    expect(appliedAtKill).toBeLessThan(TOTAL_EVENTS);
    expect(written.lateCommitsBehindNewerIds).toBeGreaterThan(0);
    expect(written.rolledBack).toBeGreaterThan(0);
    const [{ events, span }] = await dataSource.query(
      `SELECT count(*)::int AS events, (max(id) - min(id) + 1)::int AS span FROM dossier_event`,
    );
    expect(events).toBe(TOTAL_EVENTS);
    expect(span).toBeGreaterThan(TOTAL_EVENTS); // ids of rolled-back events are gaps

    // Exactly once: one application row per event (unique key), no missing event, and the counter agrees.
    const [{ applications, distinctEvents, missing }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM subscriber_test_application WHERE subscriber = $1) AS applications,
              (SELECT count(DISTINCT event_id)::int FROM subscriber_test_application WHERE subscriber = $1) AS "distinctEvents",
              (SELECT count(*)::int FROM dossier_event e
                WHERE NOT EXISTS (SELECT 1 FROM subscriber_test_application a WHERE a.subscriber = $1 AND a.event_id = e.id)) AS missing`,
      [SUBSCRIBER],
    );
    expect({ applications, distinctEvents, missing }).toEqual({
      applications: TOTAL_EVENTS,
      distinctEvents: TOTAL_EVENTS,
      missing: 0,
    });
    const [counter] = await dataSource.query(
      `SELECT applications::int AS n FROM subscriber_test_counter WHERE name = $1`,
      [SUBSCRIBER],
    );
    expect(counter.n).toBe(TOTAL_EVENTS);

    // In order per dossier: in application order, each dossier's sequences are 1, 2, 3, ... without a jump.
    const [{ outOfOrder, badStarts }] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE previous IS NOT NULL AND sequence <> previous + 1)::int AS "outOfOrder",
              count(*) FILTER (WHERE previous IS NULL AND sequence <> 1)::int AS "badStarts"
       FROM (SELECT sequence, lag(sequence) OVER (PARTITION BY dossier_id ORDER BY applied_order) AS previous
             FROM subscriber_test_application WHERE subscriber = $1) ordered`,
      [SUBSCRIBER],
    );
    expect({ outOfOrder, badStarts }).toEqual({ outOfOrder: 0, badStarts: 0 });

    // Both the killed process and a restarted one applied events.
    const appliers: Array<{ pid: number }> = await dataSource.query(
      `SELECT DISTINCT applied_by AS pid FROM subscriber_test_application WHERE subscriber = $1`,
      [SUBSCRIBER],
    );
    const pids = appliers.map((row) => row.pid);
    expect(pids).toContain(first.pid);
    expect(pids.some((pid) => pid === second.pid || pid === third.pid)).toBe(true);

    const [lag] = (await listEventSubscriberLag(dataSource.manager)).filter((row) => row.name === SUBSCRIBER);
    expect(lag).toMatchObject({ pendingEvents: 0, oldestPendingAgeMs: 0, appliedCount: TOTAL_EVENTS });
  }, 600_000);
});
