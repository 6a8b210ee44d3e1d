import type { SubscribedDossierEvent } from '@motcua/domain';
import type { DossierEventSubscriber } from '@motcua/platform';
import type { DataSource, EntityManager } from 'typeorm';

/** One agency, one procedure and `count` bare dossier rows to append events to; returns the dossier ids. */
export async function insertSubscriberDossiers(dataSource: DataSource, count: number): Promise<string[]> {
  const [agency] = await dataSource.query(
    `INSERT INTO agency (identifier, name, level, path) VALUES ('000.00.12.H62', 'UBND quận', 'district', '/') RETURNING id`,
  );
  const [procedure] = await dataSource.query(
    `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
       online_level, result_type, rule_set_id)
     VALUES ('1.000001', 'Thủ tục thử', 'Hộ tịch', 'district', 3, 'working-days', 1440, '{in-person}', 'none', 'paper', 'ND118-2025')
     RETURNING id`,
  );
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
       legal_time_minutes, rule_set_id, lookup_secret_hash)
     SELECT 'SUB-' || g, $1, $2, 'in-person', 'registered', '{"name":"A"}', 'A', now(), 1440, 'ND118-2025', 'x'
     FROM generate_series(1, $3::int) AS g
     RETURNING id`,
    [procedure.id, agency.id, count],
  );
  return rows.map((row) => row.id);
}

/**
 * Tables of the recording test subscriber (test-only, not part of the schema): one row per application with a
 * unique event id (a second application of an event fails its batch), its order of application, and a counter
 * incremented per application (so a double application cannot hide behind the unique key).
 */
export async function createRecordingTables(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE TABLE subscriber_test_application (
      subscriber text NOT NULL,
      event_id bigint NOT NULL,
      dossier_id uuid NOT NULL,
      sequence int NOT NULL,
      type text NOT NULL,
      applied_order bigserial NOT NULL,
      applied_by int NOT NULL,
      PRIMARY KEY (subscriber, event_id)
    )`);
  await dataSource.query(`CREATE TABLE subscriber_test_counter (name text PRIMARY KEY, applications bigint NOT NULL)`);
}

/** Records every event it is given (see {@link createRecordingTables}); optionally fails its first `failFirst` batches. */
export class RecordingSubscriber implements DossierEventSubscriber {
  private failuresLeft: number;

  constructor(
    readonly name = 'test-recorder',
    readonly eventTypes?: readonly string[],
    readonly startAt: 'beginning' | 'end' = 'beginning',
    failFirst = 0,
  ) {
    this.failuresLeft = failFirst;
  }

  async apply(events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO subscriber_test_application (subscriber, event_id, dossier_id, sequence, type, applied_by)
       SELECT $1, t.event_id, t.dossier_id, t.sequence, t.type, $6
       FROM unnest($2::bigint[], $3::uuid[], $4::int[], $5::text[]) WITH ORDINALITY AS t(event_id, dossier_id, sequence, type, n)
       ORDER BY t.n`,
      [
        this.name,
        events.map((event) => event.id),
        events.map((event) => event.dossierId),
        events.map((event) => event.sequence),
        events.map((event) => event.type),
        process.pid,
      ],
    );
    await manager.query(
      `INSERT INTO subscriber_test_counter (name, applications) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET applications = subscriber_test_counter.applications + EXCLUDED.applications`,
      [this.name, events.length],
    );
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('recording subscriber: planned failure');
    }
  }
}
