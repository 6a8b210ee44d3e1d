import { DayOverride, WorkingCalendar, WorkingCalendarInput } from '@motcua/domain';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDayEntity } from './calendar-day.entity';

// Stable advisory-lock key ('motcua-calendar'); intake takes it in its first statement (DossierRepository.lockForIntake).
export const CALENDAR_LOCK_KEY = 7_261_006_343;

export interface CalendarDayInput {
  date: string;
  kind: 'holiday' | 'working';
  name: string;
  windows?: Array<{ start: string; end: string }> | null;
  source?: string;
  updatedBy?: string | null;
}

/**
 * The working-time calendar table. A plain class (no Nest): API, workers and scripts build one from any
 * EntityManager (`new CalendarRepository(dataSource.manager)` or a transaction's manager).
 */
export class CalendarRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Calendar edits and intakes exclude each other for their transaction: an edit recomputes the open dossiers
   * it sees, so an intake computing its appointment on the old calendar must commit before the edit looks, or
   * start after it committed. Intake takes the shared lock as its first statement (`DossierRepository.lockForIntake`,
   * folded with its idempotency-key lock), the edit the exclusive one.
   */
  async lockForEditing(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK_KEY]);
  }

  /**
   * The working calendar: weekly office windows (default Mon–Fri 07:00–11:30, 13:30–17:00, UTC+7) plus every
   * holiday / make-up working day of the table.
   */
  async loadCalendar(
    settings: Omit<WorkingCalendarInput, 'dayOverrides'> = {},
    /** The revision the caller read already in this transaction (saves the revision read). */
    knownRevision?: string,
  ): Promise<WorkingCalendar> {
    // Cached per database and settings under the calendar's revision (migration 1765102000000): one tiny read
    // when nothing changed. The days and their revision come from one statement, so they are the same snapshot.
    const cache = calendarCache(this.manager.connection);
    const key = JSON.stringify(settings);
    const cached = cache.get(key);
    if (cached?.calendar && cached.revision === (knownRevision ?? (await this.revision()))) return cached.calendar;
    const rows: Array<{ revision: string; days: CalendarDayEntity[] | null }> = await this.manager.query(
      `SELECT (SELECT revision::text FROM calendar_revision) AS revision,
              (SELECT json_agg(json_build_object('date', date::text, 'kind', kind, 'name', name, 'windows', windows) ORDER BY date)
                 FROM calendar_day) AS days`,
    );
    const calendar = new WorkingCalendar({ ...settings, dayOverrides: (rows[0].days ?? []).map(toDayOverride) });
    cache.set(key, { revision: rows[0].revision, calendar });
    return calendar;
  }

  /** The calendar's current revision (changes with every write to calendar_day). */
  async revision(): Promise<string> {
    const rows: Array<{ revision: string }> = await this.manager.query(
      `SELECT revision::text AS revision FROM calendar_revision`,
    );
    return rows[0].revision;
  }

  /** Days of the table, ordered by date, optionally within [from, to] (inclusive, local dates). */
  async listDays(range: { from?: string; to?: string } = {}): Promise<CalendarDayEntity[]> {
    const query = this.manager.getRepository(CalendarDayEntity).createQueryBuilder('day').orderBy('day.date', 'ASC');
    if (range.from) query.andWhere('day.date >= :from', { from: range.from });
    if (range.to) query.andWhere('day.date <= :to', { to: range.to });
    return query.getMany();
  }

  async findDay(date: string): Promise<CalendarDayEntity | null> {
    return this.manager.getRepository(CalendarDayEntity).findOne({ where: { date } });
  }

  /** Inserts or replaces one day. */
  async saveDay(input: CalendarDayInput): Promise<CalendarDayEntity> {
    const rows: CalendarDayEntity[] = await this.manager.query(
      `INSERT INTO calendar_day (date, kind, name, windows, source, updated_by, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, now())
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, windows = EXCLUDED.windows,
         source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING date::text AS date, kind, name, windows, source, updated_by AS "updatedBy", updated_at AS "updatedAt"`,
      [
        input.date,
        input.kind,
        input.name,
        input.windows ? JSON.stringify(input.windows) : null,
        input.source ?? 'admin',
        input.updatedBy ?? null,
      ],
    );
    return rows[0];
  }

  /** Inserts days that are not in the table yet (seeding); returns how many were added. */
  async insertMissingDays(days: CalendarDayInput[]): Promise<number> {
    let added = 0;
    for (const day of days) {
      const result: unknown[] = await this.manager.query(
        `INSERT INTO calendar_day (date, kind, name, windows, source, updated_by)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (date) DO NOTHING RETURNING date`,
        [
          day.date,
          day.kind,
          day.name,
          day.windows ? JSON.stringify(day.windows) : null,
          day.source ?? 'seed',
          day.updatedBy ?? null,
        ],
      );
      added += result.length;
    }
    return added;
  }

  /** A fingerprint of the calendar table: a holiday added, removed or changed gives another stamp. */
  async calendarStamp(knownRevision?: string): Promise<string> {
    // Cached under the calendar's revision like the calendar itself (every re-arm asks for it).
    const cache = calendarCache(this.manager.connection);
    const cached = cache.get(STAMP_KEY);
    if (cached?.stamp !== undefined && cached.revision === (knownRevision ?? (await this.revision()))) {
      return cached.stamp;
    }
    const rows: Array<{ revision: string; stamp: string | null }> = await this.manager.query(
      `SELECT (SELECT revision::text FROM calendar_revision) AS revision,
              md5(coalesce(string_agg(date::text || kind || coalesce(windows::text, ''), ',' ORDER BY date), '')) AS stamp
         FROM calendar_day`,
    );
    const stamp = rows[0]?.stamp ?? '';
    cache.set(STAMP_KEY, { revision: rows[0].revision, stamp });
    return stamp;
  }

  /** Deletes one day; returns the deleted row, or null if there was none. */
  async deleteDay(date: string): Promise<CalendarDayEntity | null> {
    const existing = await this.findDay(date);
    if (!existing) return null;
    await this.manager.query(`DELETE FROM calendar_day WHERE date = $1`, [date]);
    return existing;
  }
}

type CalendarCache = Map<string, { revision: string; calendar?: WorkingCalendar; stamp?: string }>;
const STAMP_KEY = 'stamp';
const CALENDAR_CACHES = new WeakMap<DataSource, CalendarCache>();

/** One cache per DataSource: tests run several databases in one process. */
function calendarCache(dataSource: DataSource): CalendarCache {
  let cache = CALENDAR_CACHES.get(dataSource);
  if (!cache) CALENDAR_CACHES.set(dataSource, (cache = new Map()));
  return cache;
}

export function toDayOverride(day: Pick<CalendarDayEntity, 'date' | 'kind' | 'name' | 'windows'>): DayOverride {
  return day.windows && day.kind === 'working'
    ? { date: day.date, kind: day.kind, name: day.name, windows: day.windows }
    : { date: day.date, kind: day.kind, name: day.name };
}
