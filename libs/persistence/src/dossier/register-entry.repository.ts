import { EntityManager } from 'typeorm';
import { atVietnamTime } from '../calendar/vietnam-time-sql';

/**
 * A dossier's entry in its desk's tracking register (sổ theo dõi hồ sơ, form 06): one book per receiving agency and
 * local (Asia/Ho_Chi_Minh) year of reception; the number is the dossier's rank by entry (`created_at`, then id) among
 * the agency's accepted dossiers of that year — the order in which a paper book would have been filled, so a postal
 * dossier entered late gets the next number. null for a dossier that was not accepted (no clock).
 */
export async function findRegisterEntry(
  manager: EntityManager,
  dossierId: string,
): Promise<{ book: string; number: number } | null> {
  const rows: Array<{ book: string; number: number }> = await manager.query(
    `WITH d AS (
       SELECT id, receiving_agency_id, created_at, received_at,
              ${atVietnamTime(`date_trunc('year', ${atVietnamTime('received_at')})`)} AS year_start
       FROM dossier WHERE id = $1 AND counting_started_at IS NOT NULL)
     SELECT to_char(${atVietnamTime('d.received_at')}, 'YYYY') AS book,
            (SELECT count(*) FROM dossier o
             WHERE o.receiving_agency_id = d.receiving_agency_id AND o.counting_started_at IS NOT NULL
               AND o.received_at >= d.year_start AND o.received_at < d.year_start + interval '1 year'
               AND (o.created_at, o.id) <= (d.created_at, d.id))::int AS number
     FROM d`,
    [dossierId],
  );
  return rows[0] ? { book: rows[0].book, number: Number(rows[0].number) } : null;
}
