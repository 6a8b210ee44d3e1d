import { EntityManager } from 'typeorm';
import { OPEN_DOSSIER_STATUSES_SQL } from '../dossier/dossier-status-sql';
import { dossierRowLockClause } from '../dossier/dossier-lock';

/** Progress of the background recompute a calendar edit queued. */
export interface CalendarRecompute {
  id: string;
  calendarDate: string;
  change: string;
  actorUserId: string | null;
  actorAgencyId: string | null;
  status: 'queued' | 'running' | 'done';
  candidates: number;
  processed: number;
  updated: number;
  cursorDossierId: string | null;
  requestedAt: Date;
  finishedAt: Date | null;
}

const RECOMPUTE_COLUMNS = `id, calendar_date::text AS calendar_date, change, actor_user_id, actor_agency_id, status, candidates,
  processed, updated, cursor_dossier_id, requested_at, finished_at`;

function toRecompute(row: Record<string, unknown>): CalendarRecompute {
  return {
    id: row.id as string,
    calendarDate: row.calendar_date as string,
    change: row.change as string,
    actorUserId: (row.actor_user_id as string | null) ?? null,
    actorAgencyId: (row.actor_agency_id as string | null) ?? null,
    status: row.status as CalendarRecompute['status'],
    candidates: Number(row.candidates),
    processed: Number(row.processed),
    updated: Number(row.updated),
    cursorDossierId: (row.cursor_dossier_id as string | null) ?? null,
    requestedAt: new Date(row.requested_at as Date),
    finishedAt: row.finished_at ? new Date(row.finished_at as Date) : null,
  };
}

export async function insertCalendarRecompute(
  manager: EntityManager,
  input: Pick<
    CalendarRecompute,
    'calendarDate' | 'change' | 'actorUserId' | 'actorAgencyId' | 'candidates' | 'requestedAt'
  >,
): Promise<CalendarRecompute> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `INSERT INTO calendar_recompute (calendar_date, change, actor_user_id, actor_agency_id, candidates, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RECOMPUTE_COLUMNS}`,
    [input.calendarDate, input.change, input.actorUserId, input.actorAgencyId, input.candidates, input.requestedAt],
  );
  return toRecompute(rows[0]);
}

export async function findCalendarRecompute(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CalendarRecompute | null> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${RECOMPUTE_COLUMNS} FROM calendar_recompute WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toRecompute(rows[0]) : null;
}

/** Records a processed batch: the cursor moves past its last dossier. */
export async function recordCalendarRecomputeBatch(
  manager: EntityManager,
  id: string,
  batch: { lastDossierId: string; processed: number; updated: number },
): Promise<void> {
  await manager.query(
    `UPDATE calendar_recompute SET status = 'running', cursor_dossier_id = $2, processed = processed + $3,
       updated = updated + $4 WHERE id = $1`,
    [id, batch.lastDossierId, batch.processed, batch.updated],
  );
}

export async function finishCalendarRecompute(manager: EntityManager, id: string, at: Date): Promise<void> {
  await manager.query(
    `UPDATE calendar_recompute SET status = 'done', finished_at = $2 WHERE id = $1 AND status <> 'done'`,
    [id, at],
  );
}

/** Running dossiers (open, clock running) whose appointment is at or after `from`, by id after the cursor, locked. */
export async function lockRecomputeCandidates(
  manager: EntityManager,
  from: Date,
  statuses: readonly string[],
  afterDossierId: string | null,
  limit: number,
): Promise<Array<{ id: string }>> {
  return manager.query(
    `SELECT id FROM dossier
     WHERE status = ANY($2::text[]) AND appointment_at >= $1 AND counting_started_at IS NOT NULL
       AND ($3::uuid IS NULL OR id > $3::uuid)
     ORDER BY id LIMIT $4 ${dossierRowLockClause()}`,
    [from, statuses, afterDossierId, limit],
  );
}

/** How many dossiers a recompute from `from` will look at (for the summary answer). */
export async function countRecomputeCandidates(
  manager: EntityManager,
  from: Date,
  statuses: readonly string[],
): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM dossier
     WHERE status = ANY($2::text[]) AND appointment_at >= $1 AND counting_started_at IS NOT NULL`,
    [from, statuses],
  );
  return row.n;
}

/** Years whose public holidays were generated (or seeded by migration). */
export async function listGeneratedCalendarYears(manager: EntityManager): Promise<number[]> {
  const rows: Array<{ year: number }> = await manager.query(`SELECT year FROM calendar_year ORDER BY year`);
  return rows.map((row) => Number(row.year));
}

/** Marks a year generated; false if another process did it first (the caller then rolls back its inserts). */
export async function recordGeneratedCalendarYear(
  manager: EntityManager,
  year: number,
  holidayRuleId: string,
  daysAdded: number,
  at: Date,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO calendar_year (year, holiday_rule_id, days_added, generated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (year) DO NOTHING RETURNING year`,
    [year, holidayRuleId, daysAdded, at],
  );
  return rows.length > 0;
}

/** The latest deadline any open dossier or running clock has (for the calendar coverage check). */
export async function latestOpenDeadline(manager: EntityManager): Promise<Date | null> {
  const [row]: Array<{ latest: Date | null }> = await manager.query(
    `SELECT greatest(
       (SELECT max(appointment_at) FROM dossier
        WHERE status IN ${OPEN_DOSSIER_STATUSES_SQL}),
       (SELECT max(deadline_at) FROM deadline_clock WHERE clock_status IN ('running', 'paused'))) AS latest`,
  );
  return row?.latest ? new Date(row.latest) : null;
}
