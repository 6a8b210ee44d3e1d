import { armTimers } from '@motcua/application';
import { createDataSource, verifyDossierEventChain } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { outboxJobId, timerDedupeKey } from '@motcua/queues';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { DeadlineTimerEffect } from './deadline-timer-effect';
import { FireTimerUseCase } from './fire-timer.use-case';

const NOW = new Date('2031-03-03T02:00:00Z');
const DOSSIER_LOCK = /FROM dossier WHERE id = \$1 FOR NO KEY UPDATE/;

/**
 * Issue 9 acceptance 5 (timer capacity): a delayed job fires its timer under ONE dossier row lock, taken first in
 * the transaction (before the outbox row), not three (job lock, firing lock, event append lock). Firings of one
 * dossier queue on that lock, so each extra round trip inside it lowered the firing rate.
 */
describe('FireTimerUseCase: one dossier lock per firing (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dossierId: string;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    const [agency] = await dataSource.query(
      `INSERT INTO agency (identifier, name, level, path) VALUES ('000.00.12.H63', 'UBND quận', 'district', '/') RETURNING id`,
    );
    const [procedure] = await dataSource.query(
      `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
         online_level, result_type, rule_set_id)
       VALUES ('1.000002', 'Thủ tục thử', 'Hộ tịch', 'district', 3, 'working-days', 1440, '{in-person}', 'none', 'paper', 'ND118-2025')
       RETURNING id`,
    );
    const [dossier] = await dataSource.query(
      `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
         legal_time_minutes, rule_set_id, lookup_secret_hash)
       VALUES ('000.00.12.H63-310303-0001', $1, $2, 'in-person', 'processing', '{"name":"A"}', 'A', now(), 1440, 'ND118-2025', 'x')
       RETURNING id`,
      [procedure.id, agency.id],
    );
    dossierId = dossier.id;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('locks the dossier once, fires once, chains the event and consumes the outbox row; a redelivery is a duplicate', async () => {
    const armed = await dataSource.transaction((manager) =>
      armTimers(manager, {
        subject: { subjectType: 'dossier', subjectId: dossierId, dossierId, agencyId: null },
        deadlineVersion: 1,
        deadlineAt: null,
        clockStatus: 'running',
        thresholds: [{ id: 'half-used', kind: 'budget-used', dueAt: new Date(NOW.getTime() - 1000), recipients: [] }],
      }),
    );
    const [timerId] = armed.armedTimerIds;
    const [outbox] = await dataSource.query(`SELECT id FROM outbox_message WHERE dedupe_key = $1`, [
      timerDedupeKey(timerId),
    ]);
    const job = { id: outboxJobId(String(outbox.id)), name: 'timer-due.v1', data: { timerId } } as unknown as Job;
    const useCase = new FireTimerUseCase(
      dataSource,
      { now: () => NOW } as unknown as ClockService,
      new DeadlineTimerEffect(),
    );

    const statements: string[] = [];
    const query = PostgresQueryRunner.prototype.query;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    spy.mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<PostgresQueryRunner['query']>) {
      statements.push(String(args[0]));
      return query.apply(this, args);
    });
    try {
      expect(await useCase.handleJob(job, 'token')).toBe('fired');
    } finally {
      spy.mockRestore();
    }
    const locks = statements.filter((sql) => DOSSIER_LOCK.test(sql));
    expect(locks).toHaveLength(1);
    // The lock comes first in the transaction (before the outbox row and the timer row): the one lock order.
    const begin = statements.findIndex((sql) => /^START TRANSACTION|^BEGIN/i.test(sql));
    expect(DOSSIER_LOCK.test(statements[begin + 1])).toBe(true);

    const [timer] = await dataSource.query(`SELECT status, fired_by FROM deadline_timer WHERE id = $1`, [timerId]);
    expect(timer).toEqual({ status: 'fired', fired_by: 'job' });
    const [row] = await dataSource.query(`SELECT consumed_at FROM outbox_message WHERE id = $1`, [outbox.id]);
    expect(row.consumed_at).not.toBeNull();
    const events = await dataSource.query(`SELECT type FROM dossier_event WHERE dossier_id = $1`, [dossierId]);
    expect(events).toEqual([{ type: 'deadline-warning' }]);
    expect((await verifyDossierEventChain(dataSource.manager, dossierId)).valid).toBe(true);

    expect(await useCase.handleJob(job, 'token')).toBe('duplicate');
    expect(
      await dataSource.query(`SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1`, [dossierId]),
    ).toEqual([{ n: 1 }]);
  });
});
