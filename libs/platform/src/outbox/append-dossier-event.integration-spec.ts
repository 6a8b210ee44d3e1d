import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import {
  appendClockEntry,
  CalendarRepository,
  createDataSource,
  GENESIS_HASH,
  loadClockEntries,
  verifyDossierEventChain,
} from '@motcua/persistence';
import { appendDossierEvent } from './append-dossier-event';

describe('dossier event chain (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let dossierId: string;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
    const [agency] = await dataSource.query(
      `INSERT INTO agency (identifier, name, level, path) VALUES ('000.00.12.H62', 'UBND quận', 'district', '/') RETURNING id`,
    );
    const [procedure] = await dataSource.query(
      `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
         online_level, result_type, rule_set_id)
       VALUES ('1.000001', 'Thủ tục thử', 'Hộ tịch', 'district', 3, 'working-days', 1440, '{in-person}', 'none', 'paper', 'ND118-2025')
       RETURNING id`,
    );
    const [dossier] = await dataSource.query(
      `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
         legal_time_minutes, rule_set_id, lookup_secret_hash)
       VALUES ('000.00.12.H62-251103-0001', $1, $2, 'in-person', 'registered', '{"name":"A"}', 'A', now(), 1440, 'ND118-2025', 'x')
       RETURNING id`,
      [procedure.id, agency.id],
    );
    dossierId = dossier.id;
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('chains events, wakes the router (outbox row, same transaction) for routed types only, and detects a tampered payload', async () => {
    const at = new Date('2025-11-03T02:00:00.123Z');
    const appended = await dataSource.transaction(async (manager) => [
      await appendDossierEvent(manager, {
        dossierId,
        type: 'registered',
        payload: { b: 1, a: { z: [1, 2], y: 'x' } },
        actor: null,
        occurredAt: at,
      }),
      await appendDossierEvent(manager, {
        dossierId,
        type: 'intake-accepted',
        payload: { appointmentAt: new Date('2025-11-06T02:00:00Z') },
        actor: { userId: null, agencyId: null },
        occurredAt: at,
      }),
    ]);
    expect(appended.map((event) => event.sequence)).toEqual([1, 2]);
    const rows = await dataSource.query(
      `SELECT previous_hash, hash FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossierId],
    );
    expect(rows[0].previous_hash).toBe(GENESIS_HASH);
    expect(rows[1].previous_hash).toBe(rows[0].hash);
    const outbox = await dataSource.query(`SELECT job_name, payload FROM outbox_message ORDER BY id`);
    // 'registered' is not routed (ROUTED_EVENT_TYPES): no wake-up row for it.
    expect(outbox).toEqual([
      { job_name: 'dossier-event.v1', payload: { dossierId, eventId: appended[1].id, eventType: 'intake-accepted' } },
    ]);

    await expect(verifyDossierEventChain(dataSource.manager, dossierId)).resolves.toEqual({
      valid: true,
      eventCount: 2,
    });

    await dataSource.query(
      `UPDATE dossier_event SET payload = '{"b":2,"a":{"z":[1,2],"y":"x"}}' WHERE dossier_id = $1 AND sequence = 1`,
      [dossierId],
    );
    const tampered = await verifyDossierEventChain(dataSource.manager, dossierId);
    expect(tampered).toMatchObject({ valid: false, brokenAtSequence: 1 });
    expect(tampered.reason).toMatch(/hash mismatch/);
  });

  it('reports a deleted event as a gap', async () => {
    await dataSource.query(
      `UPDATE dossier_event SET payload = '{"b":1,"a":{"z":[1,2],"y":"x"}}' WHERE dossier_id = $1 AND sequence = 1`,
      [dossierId],
    );
    await expect(verifyDossierEventChain(dataSource.manager, dossierId)).resolves.toMatchObject({ valid: true });
    await dataSource.query(`DELETE FROM dossier_event WHERE dossier_id = $1 AND sequence = 1`, [dossierId]);
    await expect(verifyDossierEventChain(dataSource.manager, dossierId)).resolves.toMatchObject({
      valid: false,
      brokenAtSequence: 2,
    });
  });

  it('refuses to append outside a transaction and for an unknown dossier', async () => {
    await expect(
      appendDossierEvent(dataSource.manager, {
        dossierId,
        type: 'x',
        payload: {},
        actor: null,
        occurredAt: new Date(),
      }),
    ).rejects.toThrow(/inside a transaction/);
    await expect(
      dataSource.transaction((manager) =>
        appendDossierEvent(manager, {
          dossierId: '00000000-0000-4000-8000-000000000000',
          type: 'x',
          payload: {},
          actor: null,
          occurredAt: new Date(),
        }),
      ),
    ).rejects.toThrow(/not found/);
  });

  it('appends and reloads clock entries; loads the seeded calendar', async () => {
    await dataSource.transaction(async (manager) => {
      await appendClockEntry(manager, { dossierId, type: 'start', at: new Date('2025-11-03T02:00:00Z') });
      await appendClockEntry(manager, {
        dossierId,
        type: 'pause',
        at: new Date('2025-11-04T02:00:00Z'),
        reason: 'supplement',
        party: 'applicant',
      });
    });
    const entries = await loadClockEntries(dataSource.manager, dossierId);
    expect(entries.map((entry) => entry.type)).toEqual(['start', 'pause']);
    const calendar = await new CalendarRepository(dataSource.manager).loadCalendar();
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });
});
