import {
  calendarStamp,
  readClockFacts,
  rearmDeadlineTimers,
  rearmIfStale,
  recordClockEntry,
  stopClockIfRunning,
} from '@motcua/application';
import { CalendarRepository, createDataSource } from '@motcua/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { DeadlineRows, deadlineRows, insertStepFixture } from './support/rearm-fixture';

const HOUR = 3_600_000;
/** Monday 09:00 in Hà Nội (UTC+7): inside the morning office window. */
const T0 = new Date('2031-03-03T02:00:00Z');
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);
const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i;

/**
 * Issue 16 (throughput): the statements one deadline re-arm sends. Every clock change (a step started or completed,
 * a supplement pause and its resume, an apology) appends to the ledger and re-arms the clock's timers in the same
 * transaction; a step completion does it twice (the completed step's clock stops, the next step's starts).
 * Measured with the ledger-insert-then-re-arm code (12-13 statements per change: ledger insert, subject, ledger
 * read, last entry id, thresholds, version lock, calendar revision twice, clock upsert, timer cancel, outbox settle
 * or timer + outbox inserts, armed-from update): 13 per step start, 13 per step stop, 12/13 per supplement
 * pause/resume (commit 04020dc). Now: one read (subject, ledger, thresholds, locked version, calendar revision) and
 * one write (ledger entry, armed clock with the entry and calendar stamp it came from, superseded timers cancelled
 * and their outbox rows settled, new timers and their outbox rows) per change; a stop of a clock that is not
 * running reads only; the firing path's stale check (rearmIfStale) was 2 statements, now 1. A statement added fails this test; the rows written are pinned as the 13-statement code wrote
 * them.
 */
describe('deadline re-arm: statements per clock change (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sent: string[] | null = null;
  const originalQuery = PostgresQueryRunner.prototype.query;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    PostgresQueryRunner.prototype.query = function (
      this: PostgresQueryRunner,
      ...args: Parameters<typeof originalQuery>
    ) {
      if (sent && !TRANSACTION_CONTROL.test(args[0])) sent.push(args[0]);
      return originalQuery.apply(this, args);
    } as typeof originalQuery;
  });

  afterAll(async () => {
    PostgresQueryRunner.prototype.query = originalQuery;
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Runs `work` in one transaction and returns the statements it sent (transaction control excluded). */
  async function statementsOf(work: (manager: EntityManager) => Promise<unknown>): Promise<string[]> {
    // Warm the per-process calendar cache first, as a running app has it (the budget is the steady state).
    await dataSource.transaction(async (manager) => {
      await new CalendarRepository(manager).loadCalendar();
      await calendarStamp(manager);
    });
    const log: string[] = [];
    await dataSource.transaction(async (manager) => {
      sent = log;
      try {
        await work(manager);
      } finally {
        sent = null;
      }
    });
    return log;
  }

  it('arms, pauses, resumes and stops with one read and one write each, and writes the rows the 13-statement path wrote', async () => {
    const { dossierId, stepTaskId, agencyId, procedureId } = await insertStepFixture(dataSource, T0);
    const counts = {
      dossierStart: await statementsOf((manager) =>
        recordClockEntry(manager, { dossierId, type: 'start', at: T0 }, T0),
      ),
      stepStart: await statementsOf((manager) =>
        recordClockEntry(manager, { dossierId, stepTaskId, type: 'start', at: T0 }, T0),
      ),
      supplementPause: await statementsOf((manager) =>
        recordClockEntry(
          manager,
          { dossierId, type: 'pause', at: at(1), reason: 'Chờ bổ sung hồ sơ', party: 'applicant' },
          at(1),
        ),
      ),
      supplementResume: await statementsOf((manager) =>
        recordClockEntry(manager, { dossierId, type: 'resume', at: at(26) }, at(26)),
      ),
      stepStop: await statementsOf((manager) =>
        stopClockIfRunning(manager, { dossierId, stepTaskId, at: at(27) }, at(27)),
      ),
      stepStopAgain: await statementsOf((manager) =>
        stopClockIfRunning(manager, { dossierId, stepTaskId, at: at(28) }, at(28)),
      ),
      rearmUnchanged: await statementsOf((manager) =>
        rearmDeadlineTimers(manager, { subjectType: 'dossier', subjectId: dossierId, now: at(28) }),
      ),
      // The firing path's check before acting (ledger and calendar as armed: nothing to do).
      refreshUnchanged: await statementsOf((manager) =>
        rearmIfStale(manager, { subjectType: 'dossier', subjectId: dossierId, dossierId }, at(28)),
      ),
      // A caller that reads the step's ledger itself (completeStepTask) hands the facts on to the stop.
      stepStopWithFacts: await statementsOf(async (manager) => {
        const facts = await readClockFacts(manager, { dossierId, stepTaskId });
        await stopClockIfRunning(manager, { dossierId, stepTaskId, at: at(28) }, at(28), { facts });
      }),
    };
    const perChange = Object.fromEntries(Object.entries(counts).map(([name, statements]) => [name, statements.length]));
    expect(perChange).toEqual({
      dossierStart: 2,
      stepStart: 2,
      supplementPause: 2,
      supplementResume: 2,
      stepStop: 2,
      stepStopAgain: 1,
      rearmUnchanged: 2,
      refreshUnchanged: 1,
      stepStopWithFacts: 1,
    });

    const rows = await deadlineRows(dataSource, dossierId, { stepTaskId, agencyId, procedureId });
    expect(rows).toEqual(EXPECTED_ROWS);
  });
});

/** The rows the 12-13-statement re-arm path (04020dc) wrote for the scenario above (printed from that code, then pinned). */
const EXPECTED_ROWS: DeadlineRows = {
  clockEntries: [
    'dossier start 2031-03-03T02:00:00 - - - - -',
    'step start 2031-03-03T02:00:00 - - - - -',
    'dossier pause 2031-03-03T03:00:00 Chờ bổ sung hồ sơ applicant - - -',
    'dossier resume 2031-03-04T04:00:00 - - - - -',
    'step stop 2031-03-04T05:00:00 - - - - -',
  ],
  clocks: [
    'dossier:dossier dossier agency procedure v4 deadline 2031-03-07T03:00:00 running budget 1440 armed-from-last-entry current-calendar overdue -',
    'step:step dossier agency procedure v2 deadline 2031-03-04T02:00:00 stopped budget 480 armed-from-last-entry current-calendar overdue -',
  ],
  timers: [
    'dossier:dossier agency v1 half-used budget-used [officer] deadline 2031-03-06T02:00:00 due 2031-03-04T08:00:00 cancelled',
    'dossier:dossier agency v1 apology-due before-deadline [agency_lead,officer] deadline 2031-03-06T02:00:00 due 2031-03-05T02:00:00 cancelled',
    'dossier:dossier agency v1 mostly-used budget-used [officer,agency_lead] deadline 2031-03-06T02:00:00 due 2031-03-05T07:12:00 cancelled',
    'dossier:dossier agency v1 overdue deadline [agency_lead,supervisor] deadline 2031-03-06T02:00:00 due 2031-03-06T02:00:00 cancelled',
    'step:step agency v1 apology-due before-deadline [agency_lead,officer] deadline 2031-03-04T02:00:00 due 2031-03-03T02:00:00 cancelled',
    'step:step agency v1 half-used budget-used [officer] deadline 2031-03-04T02:00:00 due 2031-03-03T08:00:00 cancelled',
    'step:step agency v1 mostly-used budget-used [officer,agency_lead] deadline 2031-03-04T02:00:00 due 2031-03-04T00:24:00 cancelled',
    'step:step agency v1 overdue deadline [agency_lead,supervisor] deadline 2031-03-04T02:00:00 due 2031-03-04T02:00:00 cancelled',
    'dossier:dossier agency v3 half-used budget-used [officer] deadline 2031-03-07T03:00:00 due 2031-03-05T09:00:00 cancelled',
    'dossier:dossier agency v3 apology-due before-deadline [agency_lead,officer] deadline 2031-03-07T03:00:00 due 2031-03-06T03:00:00 cancelled',
    'dossier:dossier agency v3 mostly-used budget-used [officer,agency_lead] deadline 2031-03-07T03:00:00 due 2031-03-06T08:12:00 cancelled',
    'dossier:dossier agency v3 overdue deadline [agency_lead,supervisor] deadline 2031-03-07T03:00:00 due 2031-03-07T03:00:00 cancelled',
    'dossier:dossier agency v4 half-used budget-used [officer] deadline 2031-03-07T03:00:00 due 2031-03-05T09:00:00 pending',
    'dossier:dossier agency v4 apology-due before-deadline [agency_lead,officer] deadline 2031-03-07T03:00:00 due 2031-03-06T03:00:00 pending',
    'dossier:dossier agency v4 mostly-used budget-used [officer,agency_lead] deadline 2031-03-07T03:00:00 due 2031-03-06T08:12:00 pending',
    'dossier:dossier agency v4 overdue deadline [agency_lead,supervisor] deadline 2031-03-07T03:00:00 due 2031-03-07T03:00:00 pending',
  ],
  outbox: [
    'timer#0 deadline/timer-due.v1 {timerId} deliver 2031-03-04T08:00:00 consumed',
    'timer#1 deadline/timer-due.v1 {timerId} deliver 2031-03-05T02:00:00 consumed',
    'timer#2 deadline/timer-due.v1 {timerId} deliver 2031-03-05T07:12:00 consumed',
    'timer#3 deadline/timer-due.v1 {timerId} deliver 2031-03-06T02:00:00 consumed',
    'timer#4 deadline/timer-due.v1 {timerId} deliver 2031-03-03T02:00:00 consumed',
    'timer#5 deadline/timer-due.v1 {timerId} deliver 2031-03-03T08:00:00 consumed',
    'timer#6 deadline/timer-due.v1 {timerId} deliver 2031-03-04T00:24:00 consumed',
    'timer#7 deadline/timer-due.v1 {timerId} deliver 2031-03-04T02:00:00 consumed',
    'timer#8 deadline/timer-due.v1 {timerId} deliver 2031-03-05T09:00:00 consumed',
    'timer#9 deadline/timer-due.v1 {timerId} deliver 2031-03-06T03:00:00 consumed',
    'timer#10 deadline/timer-due.v1 {timerId} deliver 2031-03-06T08:12:00 consumed',
    'timer#11 deadline/timer-due.v1 {timerId} deliver 2031-03-07T03:00:00 consumed',
    'timer#12 deadline/timer-due.v1 {timerId} deliver 2031-03-05T09:00:00 open',
    'timer#13 deadline/timer-due.v1 {timerId} deliver 2031-03-06T03:00:00 open',
    'timer#14 deadline/timer-due.v1 {timerId} deliver 2031-03-06T08:12:00 open',
    'timer#15 deadline/timer-due.v1 {timerId} deliver 2031-03-07T03:00:00 open',
  ],
};
