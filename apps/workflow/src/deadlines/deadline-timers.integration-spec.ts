import { armTimers, ArmedThreshold } from '@motcua/application';
import { ClockService, createRedis } from '@motcua/platform';
import { DEADLINE_QUEUE } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';
import type { Redis } from 'ioredis';
import { seedCatalog } from '../../../../test/dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../../../../test/support/test-services';
import { waitFor } from '../../../../test/support/test-config';
import { scaled } from '../../../../test/support/test-scale';
import { DEADLINE_SWEEP_SCHEDULER_ID } from './deadline-sweeper.service';
import { insertDossierRows } from './testing/dossier-rows';
import { startPrivateRedis, PrivateRedis } from '../../../../test/support/private-redis';

const HOUR = 3_600_000;
/** Dossiers with 4 thresholds each: 10,000 timers at full scale (`npm run test:scale`), 2,000 in `npm test`. */
const DOSSIERS = scaled(2500, 500);
const TIMERS = DOSSIERS * 4;
const T0 = new Date('2031-03-03T01:00:00Z');

describe('deadline timers (real Postgres + a private Redis)', () => {
  let redisServer: PrivateRedis;
  let services: TestServices;
  let publisher: Redis;
  let clock: ClockService;
  let dossierIds: string[];
  let agencyId: string;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    services = await startTestServices({
      TEST_CLOCK_ENABLED: 'true',
      REDIS_URL: redisServer.url,
      DEADLINE_SWEEP_INTERVAL_MS: '1000',
      DEADLINE_SWEEP_BATCH_SIZE: '500',
      OUTBOX_BATCH_SIZE: '1000',
      OUTBOX_REPUBLISH_AFTER_MS: '2000',
    });
    publisher = createRedis(redisServer.url, 'it-deadline-publisher');
    clock = services.workflow.get(ClockService);
    const catalog = await seedCatalog(services.dataSource);
    const [agency] = [...catalog.agencies.values()];
    const [procedure] = [...catalog.procedures.values()];
    agencyId = agency.id;
    await insertDossierRows(services.dataSource, DOSSIERS, {
      procedureId: procedure.id,
      agencyId,
      codePrefix: 'TIMER',
    });
    dossierIds = (
      await services.dataSource.query(`SELECT id FROM dossier WHERE code LIKE 'TIMER-%' ORDER BY code`)
    ).map((row: { id: string }) => row.id);
  });

  afterAll(async () => {
    await publisher?.quit();
    await services?.close();
    await redisServer?.stop();
  });

  async function arm(
    subjectIds: string[],
    thresholdsFor: (index: number) => ArmedThreshold[],
    version = 1,
  ): Promise<void> {
    for (let start = 0; start < subjectIds.length; start += 250) {
      await services.dataSource.transaction(async (manager) => {
        for (const [offset, subjectId] of subjectIds.slice(start, start + 250).entries()) {
          await armTimers(manager, {
            subject: { subjectType: 'dossier', subjectId, dossierId: subjectId, agencyId },
            deadlineVersion: version,
            deadlineAt: null,
            clockStatus: 'running',
            thresholds: thresholdsFor(start + offset),
          });
        }
      });
    }
  }

  async function count(sql: string, parameters: unknown[] = []): Promise<number> {
    const [row] = await services.dataSource.query(sql, parameters);
    return Number(row.n);
  }

  it(`FLUSHALL with ${TIMERS} pending timers: the sweeper fires each exactly once, never early`, async () => {
    await clock.set(T0, true, publisher);
    // 2,500 dossiers × 4 thresholds, due between T0+1h and T0+~4 days (BullMQ delays of hours: only the sweeper
    // can fire them once the clock moves).
    await arm(dossierIds, (index) =>
      ['half-used', 'mostly-used', 'apology-due', 'overdue'].map((id, order) => ({
        id,
        kind: id === 'overdue' ? 'deadline' : id === 'apology-due' ? 'before-deadline' : 'budget-used',
        dueAt: new Date(T0.getTime() + HOUR + (index % 48) * HOUR + order * 12 * HOUR),
        recipients: id === 'overdue' ? ['agency_lead', 'supervisor'] : ['officer'],
      })),
    );
    expect(await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'pending'`)).toBe(TIMERS);

    // The relay publishes every timer as a delayed job; then Redis loses everything.
    const queues = services.workflow.get(QueueRegistry);
    // (A row is claimed — published_at set — just before its job reaches Redis: wait on Redis itself.)
    const delayedBefore = await waitFor(
      'timer jobs published',
      async () => {
        const unpublished = await count(
          `SELECT count(*) AS n FROM outbox_message WHERE queue = 'deadline' AND published_at IS NULL`,
        );
        const delayed = await queues.get(DEADLINE_QUEUE.name).getDelayedCount();
        return unpublished === 0 && delayed >= TIMERS ? delayed : undefined;
      },
      60000,
    );
    expect(delayedBefore).toBeGreaterThanOrEqual(TIMERS); // + the next repeatable sweep
    await publisher.flushall();
    expect(await queues.get(DEADLINE_QUEUE.name).getDelayedCount()).toBe(0);

    // The watchdog re-creates the repeatable sweep after the flush.
    await waitFor('sweep scheduler re-created', async () =>
      (await queues.get(DEADLINE_QUEUE.name).getJobSchedulers()).some(
        (scheduler) => scheduler.key === DEADLINE_SWEEP_SCHEDULER_ID || scheduler.id === DEADLINE_SWEEP_SCHEDULER_ID,
      ),
    );

    // Half-way: exactly the timers due by then fire, none later ones.
    const halfway = new Date(T0.getTime() + 30 * HOUR);
    await clock.set(halfway, true, publisher);
    const dueByHalfway = await count(`SELECT count(*) AS n FROM deadline_timer WHERE due_at <= $1`, [halfway]);
    await waitFor(
      'due timers fired',
      async () => (await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'fired'`)) === dueByHalfway,
      120000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'fired'`)).toBe(dueByHalfway);
    expect(
      await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'fired' AND due_at > $1`, [halfway]),
    ).toBe(0);

    await clock.set(new Date(T0.getTime() + 5 * 24 * HOUR), true, publisher);
    await waitFor(
      'all timers fired',
      async () => (await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'pending'`)) === 0,
      120000,
    );
    await services.waitUntilIdle(120000);

    expect(await count(`SELECT count(*) AS n FROM deadline_timer WHERE status = 'fired'`)).toBe(TIMERS);
    // Never early: fired_at is the shared clock at firing time.
    expect(await count(`SELECT count(*) AS n FROM deadline_timer WHERE fired_at < due_at`)).toBe(0);
    // Exactly once: one effect (dossier event) per timer, none twice.
    expect(
      await count(`SELECT count(*) AS n FROM dossier_event WHERE type IN ('deadline-warning', 'deadline-overdue')`),
    ).toBe(TIMERS);
    expect(
      await count(
        `SELECT count(DISTINCT payload->>'timerId') AS n FROM dossier_event WHERE type IN ('deadline-warning', 'deadline-overdue')`,
      ),
    ).toBe(TIMERS);
    // Overdue marks every dossier late, attributed to the responsible agency.
    expect(
      await count(`SELECT count(*) AS n FROM deadline_clock WHERE overdue_at IS NOT NULL AND late_agency_id = $1`, [
        agencyId,
      ]),
    ).toBe(DOSSIERS);
    // Notifications went through the outbox to the notification queue and were recorded once per recipient.
    await waitFor(
      'notifications recorded',
      async () => (await count(`SELECT count(*) AS n FROM notification`)) === 3 * DOSSIERS + 2 * DOSSIERS,
      120000,
    );
  }, 600000);

  it('a delayed job that arrives early goes back to wait; a stale version never acts', async () => {
    // Unfrozen clock, so BullMQ delays match the shared clock.
    const start = new Date(T0.getTime() + 10 * 24 * HOUR);
    await clock.set(start, false, publisher);
    const [fastSubject, earlySubject, staleSubject] = await services.dataSource
      .query(`SELECT id FROM dossier WHERE code IN ('TIMER-1', 'TIMER-2', 'TIMER-3') ORDER BY code`)
      .then((rows: Array<{ id: string }>) => rows.map((row) => row.id));
    const soon = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);
    const threshold = (id: string, dueAt: Date): ArmedThreshold => ({
      id,
      kind: 'budget-used',
      dueAt,
      recipients: ['officer'],
    });

    await arm([fastSubject], () => [threshold('fast', soon(1.5))], 2);
    await arm([staleSubject], () => [threshold('stale', soon(1.5))], 2);
    // The stale subject's deadline moves (version 3) without its timer being cancelled: it must not act.
    await services.dataSource.query(`UPDATE deadline_clock SET deadline_version = 3 WHERE subject_id = $1`, [
      staleSubject,
    ]);
    const timerOf = async (subjectId: string, thresholdId: string) =>
      (
        await services.dataSource.query(
          `SELECT status, fired_by, fired_at, due_at FROM deadline_timer WHERE subject_id = $1 AND threshold_id = $2`,
          [subjectId, thresholdId],
        )
      )[0];

    // Fast path: the delayed job fires it, at or after its due time.
    await waitFor(
      'fast timer fired by its job',
      async () => (await timerOf(fastSubject, 'fast')).status === 'fired',
      20000,
    );
    const fast = await timerOf(fastSubject, 'fast');
    expect(fast.fired_by).toBe('job');
    expect(new Date(fast.fired_at).getTime()).toBeGreaterThanOrEqual(new Date(fast.due_at).getTime());

    // The stale one is cancelled when due, without an effect.
    await waitFor(
      'stale timer settled',
      async () => (await timerOf(staleSubject, 'stale')).status !== 'pending',
      20000,
    );
    expect((await timerOf(staleSubject, 'stale')).status).toBe('cancelled');
    expect(await count(`SELECT count(*) AS n FROM dossier_event WHERE payload->>'thresholdId' = 'stale'`)).toBe(0);

    // A worker clock jump: once the 'early' job sits in the delayed set (due in 3 s of real time), the shared clock
    // moves back an hour; when the job runs it finds the timer not yet due and must not act.
    await arm([earlySubject], () => [threshold('early', soon(3))], 2);
    await waitFor(
      'early job published',
      async () =>
        (await count(`SELECT count(*) AS n FROM outbox_message WHERE queue = 'deadline' AND published_at IS NULL`)) ===
        0,
    );
    await clock.set(new Date(clock.now().getTime() - HOUR), false, publisher);
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect((await timerOf(earlySubject, 'early')).status).toBe('pending');
    // Time catches up: the timer fires once.
    await clock.set(new Date(clock.now().getTime() + 2 * HOUR), false, publisher);
    await waitFor(
      'early timer fired when due',
      async () => (await timerOf(earlySubject, 'early')).status === 'fired',
      20000,
    );
    expect(await count(`SELECT count(*) AS n FROM dossier_event WHERE payload->>'thresholdId' = 'early'`)).toBe(1);
  }, 120000);
});
