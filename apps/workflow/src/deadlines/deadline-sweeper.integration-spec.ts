import { createDataSource } from '@motcua/persistence';
import { armTimers, DeadlineTimer } from '@motcua/application';
import type { ClockService } from '@motcua/platform';
import type { QueueRegistry } from '@motcua/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { DeadlineTimerEffect } from './deadline-timer-effect';

const T0 = new Date('2031-03-03T01:00:00Z');
const MINUTE = 60_000;

/**
 * A timer whose effect fails every time must not block the sweeper: the first batch (earliest due) is all failing
 * timers; every timer behind it must still fire in the same sweep, and the failing ones back off on their rows.
 */
describe('deadline sweeper with timers that always fail (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const now = new Date(T0.getTime() + 24 * 60 * MINUTE);
  const failing = new Set<string>();
  const fired: string[] = [];
  /** A slow effect (a loaded machine): the sweep outlasts the failing timers' first backoff (1 s, database time). */
  let slowOnce: string | undefined;

  beforeAll(async () => {
    const config = testConfig();
    database = await createTestDatabase(config.DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 6 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  function sweeperWith(batchSize: number): DeadlineSweeper {
    const config = testConfig({ DEADLINE_SWEEP_BATCH_SIZE: String(batchSize), DEADLINE_SWEEP_CONCURRENCY: '1' });
    const clock = { now: () => now } as unknown as ClockService;
    const effect = {
      refresh: async () => false,
      apply: async (_manager: EntityManager, timer: DeadlineTimer) => {
        if (failing.has(timer.id)) throw new Error(`effect of ${timer.id} fails on purpose`);
        if (timer.id === slowOnce) await new Promise((resolve) => setTimeout(resolve, 1200));
        fired.push(timer.id);
      },
    } as unknown as DeadlineTimerEffect;
    return new DeadlineSweeper(dataSource, clock, config, {} as QueueRegistry, effect);
  }

  async function armOne(dueAt: Date): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const subjectId = randomUUID();
      const armed = await armTimers(manager, {
        subject: { subjectType: 'dossier', subjectId, dossierId: null, agencyId: null },
        deadlineVersion: 1,
        deadlineAt: null,
        clockStatus: 'running',
        thresholds: [{ id: 'half-used', kind: 'budget-used', dueAt, recipients: [] }],
      });
      return armed.armedTimerIds[0];
    });
  }

  it('fires every timer behind a full batch of failing ones, and backs the failing ones off', async () => {
    const batchSize = 5;
    // The 5 earliest timers (exactly one batch) always fail; 12 later ones are healthy.
    for (let index = 0; index < batchSize; index++) failing.add(await armOne(new Date(T0.getTime() + index * MINUTE)));
    const healthy: string[] = [];
    for (let index = 0; index < 12; index++) healthy.push(await armOne(new Date(T0.getTime() + (60 + index) * MINUTE)));

    // The first healthy timer's effect takes longer than the failing ones' backoff: still one attempt each per sweep.
    slowOnce = healthy[0];
    const first = await sweeperWith(batchSize).sweep();
    expect(first.failed).toBe(batchSize);
    expect(first.fired).toBe(12);
    expect([...fired].sort()).toEqual([...healthy].sort());

    const rows: Array<{
      id: string;
      status: string;
      fire_attempts: number;
      retry_after: Date | null;
      last_error: string | null;
    }> = await dataSource.query(
      `SELECT id, status, fire_attempts, retry_after, last_error FROM deadline_timer WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[...failing]],
    );
    expect(rows.map((row) => row.status)).toEqual(Array(batchSize).fill('pending'));
    expect(rows.map((row) => row.fire_attempts)).toEqual(Array(batchSize).fill(1));
    expect(rows.every((row) => row.retry_after !== null && row.last_error?.includes('fails on purpose'))).toBe(true);

    // Inside the backoff the failing timers are not claimed again.
    await dataSource.query(
      `UPDATE deadline_timer SET retry_after = clock_timestamp() + interval '1 minute' WHERE id = ANY($1::bigint[])`,
      [[...failing]],
    );
    const second = await sweeperWith(batchSize).sweep();
    expect(second).toEqual({ fired: 0, other: 0, failed: 0 });

    // Once the backoff is over and the cause is gone, they fire (once).
    await dataSource.query(
      `UPDATE deadline_timer SET retry_after = clock_timestamp() - interval '1 second' WHERE id = ANY($1::bigint[])`,
      [[...failing]],
    );
    const recovered = [...failing];
    failing.clear();
    const third = await sweeperWith(batchSize).sweep();
    expect(third.fired).toBe(batchSize);
    expect(fired.filter((id) => recovered.includes(id)).sort()).toEqual(recovered.sort());
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM deadline_timer WHERE status = 'pending'`,
    );
    expect(pending).toBe(0);
  });
});
