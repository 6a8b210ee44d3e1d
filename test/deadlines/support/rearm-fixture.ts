import { calendarStamp } from '@motcua/application';
import { DataSource } from 'typeorm';

export interface StepFixture {
  dossierId: string;
  stepTaskId: string;
  agencyId: string;
  procedureId: string;
}

/** One agency, procedure (3 working days), process definition, dossier and one open step (one working day). */
export async function insertStepFixture(dataSource: DataSource, startedAt: Date): Promise<StepFixture> {
  const [agency] = await dataSource.query(
    `INSERT INTO agency (identifier, name, level, path) VALUES ('000.00.16.H63', 'UBND xã thử', 'commune', '/') RETURNING id`,
  );
  const [procedure] = await dataSource.query(
    `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
       online_level, result_type, rule_set_id)
     VALUES ('1.000016', 'Thủ tục thử', 'Hộ tịch', 'commune', 3, 'working-days', 1440, '{in-person}', 'none', 'paper', 'ND118-2025')
     RETURNING id`,
  );
  const [definition] = await dataSource.query(
    `INSERT INTO process_definition (procedure_id, version, document, status, published_at)
     VALUES ($1, 1, '{}'::jsonb, 'published', now()) RETURNING id`,
    [procedure.id],
  );
  const [dossier] = await dataSource.query(
    `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
       legal_time_minutes, rule_set_id, lookup_secret_hash)
     VALUES ('000.00.16.H63-310303-0001', $1, $2, 'in-person', 'processing', '{"name":"A"}', 'A', $3, 1440, 'ND118-2025', 'x')
     RETURNING id`,
    [procedure.id, agency.id, startedAt],
  );
  const [step] = await dataSource.query(
    `INSERT INTO step_task (dossier_id, procedure_id, process_definition_id, step_id, attempt, kind, agency_id, status,
       budget_minutes, started_at, deadline_at, handover, started_event_sequence)
     VALUES ($1, $2, $3, 'tham-dinh', 1, 'task', $4, 'open', 480, $5, $5::timestamptz + interval '1 day', 'electronic', 1)
     RETURNING id`,
    [dossier.id, procedure.id, definition.id, agency.id, startedAt],
  );
  return { dossierId: dossier.id, stepTaskId: step.id, agencyId: agency.id, procedureId: procedure.id };
}

/** The deadline rows of one dossier as one line per row, ids replaced by what they refer to (two runs compare). */
export interface DeadlineRows {
  clockEntries: string[];
  clocks: string[];
  timers: string[];
  outbox: string[];
}

const iso = (value: Date | string | null): string => (value ? new Date(value).toISOString().slice(0, 19) : '-');

export async function deadlineRows(
  dataSource: DataSource,
  dossierId: string,
  fixture: Omit<StepFixture, 'dossierId'>,
): Promise<DeadlineRows> {
  const name = (id: string | null): string =>
    id === dossierId
      ? 'dossier'
      : id === fixture.stepTaskId
        ? 'step'
        : id === fixture.agencyId
          ? 'agency'
          : id === fixture.procedureId
            ? 'procedure'
            : String(id);
  const entries: Array<Record<string, any>> = await dataSource.query(
    `SELECT id, step_task_id, type, at, reason, party, legal_basis, new_deadline, actor_user_id
     FROM clock_entry WHERE dossier_id = $1 ORDER BY id`,
    [dossierId],
  );
  const lastOf = (stepTaskId: string | null): string | null =>
    entries.filter((entry) => entry.step_task_id === stepTaskId).at(-1)?.id ?? null;
  const stamp = await dataSource.transaction((manager) => calendarStamp(manager));
  const clocks: Array<Record<string, any>> = await dataSource.query(
    `SELECT * FROM deadline_clock WHERE dossier_id = $1 ORDER BY subject_type, subject_id`,
    [dossierId],
  );
  const timers: Array<Record<string, any>> = await dataSource.query(
    `SELECT * FROM deadline_timer WHERE dossier_id = $1 ORDER BY id`,
    [dossierId],
  );
  const timerIndex = new Map(timers.map((timer, index) => [String(timer.id), index]));
  const outbox: Array<Record<string, any>> = await dataSource.query(
    `SELECT * FROM outbox_message WHERE dedupe_key = ANY($1::text[]) ORDER BY id`,
    [timers.map((timer) => `timer-${timer.id}`)],
  );
  return {
    clockEntries: entries.map((entry) =>
      [
        entry.step_task_id ? name(entry.step_task_id) : 'dossier',
        entry.type,
        iso(entry.at),
        entry.reason ?? '-',
        entry.party ?? '-',
        entry.legal_basis ?? '-',
        iso(entry.new_deadline),
        entry.actor_user_id ?? '-',
      ].join(' '),
    ),
    clocks: clocks.map((clock) =>
      [
        `${clock.subject_type}:${name(clock.subject_id)}`,
        name(clock.dossier_id),
        name(clock.agency_id),
        name(clock.procedure_id),
        `v${clock.deadline_version}`,
        `deadline ${iso(clock.deadline_at)}`,
        clock.clock_status,
        `budget ${clock.budget_minutes}`,
        String(clock.ledger_entry_id) === lastOf(clock.subject_type === 'step' ? clock.subject_id : null)
          ? 'armed-from-last-entry'
          : `armed-from ${clock.ledger_entry_id}`,
        clock.calendar_stamp === stamp ? 'current-calendar' : `calendar ${clock.calendar_stamp}`,
        `overdue ${iso(clock.overdue_at)}`,
      ].join(' '),
    ),
    timers: timers.map((timer) =>
      [
        `${timer.subject_type}:${name(timer.subject_id)}`,
        name(timer.agency_id),
        `v${timer.deadline_version}`,
        timer.threshold_id,
        timer.threshold_kind,
        `[${timer.recipients.join(',')}]`,
        `deadline ${iso(timer.deadline_at)}`,
        `due ${iso(timer.due_at)}`,
        timer.status,
      ].join(' '),
    ),
    outbox: outbox.map((message) => {
      const timerId = String(message.dedupe_key).slice('timer-'.length);
      return [
        `timer#${timerIndex.get(timerId)}`,
        `${message.queue}/${message.job_name}`,
        JSON.stringify(message.payload) === JSON.stringify({ timerId }) ? '{timerId}' : JSON.stringify(message.payload),
        `deliver ${iso(message.deliver_at)}`,
        message.consumed_at ? 'consumed' : 'open',
      ].join(' ');
    }),
  };
}
