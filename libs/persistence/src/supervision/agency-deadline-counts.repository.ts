import type { EntityManager } from 'typeorm';
import { OPEN_DOSSIER_STATUSES_SQL } from '../dossier/dossier-status-sql';

/** The `supervision-counts` event subscriber's persistent name (its cursor row). WARNING: never rename. */
export const SUPERVISION_COUNTS_SUBSCRIBER_NAME = 'supervision-counts';

/** Per agency of a subtree: deadline counts at an instant (see SupervisionDeadlinesUseCase.agencyCounts). */
export interface AgencyDeadlineCounts {
  agencyId: string;
  name: string;
  open: number;
  late: number;
  lateWithoutApology: number;
  paused: number;
  lateCharged: number;
  stepsOverrunningNow: number;
}

function toCounts(rows: Array<Record<string, unknown>>): AgencyDeadlineCounts[] {
  return rows.map((row) => ({
    agencyId: row.id as string,
    name: row.name as string,
    open: Number(row.open),
    late: Number(row.late),
    lateWithoutApology: Number(row.late_without_apology),
    paused: Number(row.paused),
    lateCharged: Number(row.late_charged),
    stepsOverrunningNow: Number(row.steps_overrunning),
  }));
}

const ORDER_BY = 'ORDER BY late_charged DESC, steps_overrunning DESC, late DESC, open DESC, s.id';

/**
 * Folds the dossiers marked dirty into the projection: re-derives their counter keys from their current rows
 * (`motcua_supervision_keys`), replaces their stored keys and adds the difference to `supervision_counter`, in one
 * statement. Idempotent: a dossier folded twice changes nothing the second time. Marks committed meanwhile stay for
 * the next call.
 */
export async function reconcileSupervisionCounts(manager: EntityManager): Promise<void> {
  await manager.query(
    `WITH dirty AS (DELETE FROM supervision_dirty RETURNING dossier_id),
     ids AS (SELECT ARRAY(SELECT DISTINCT dossier_id FROM dirty) AS ids),
     removed AS (
       DELETE FROM supervision_count_key k USING ids WHERE k.dossier_id = ANY(ids.ids)
       RETURNING k.agency_id, k.kind, k.due_at, k.apology),
     inserted AS (
       INSERT INTO supervision_count_key SELECT keys.* FROM ids, motcua_supervision_keys(ids.ids) AS keys
       RETURNING agency_id, kind, due_at, apology),
     delta AS (
       SELECT agency_id, kind, coalesce((due_at AT TIME ZONE 'UTC')::date, 'infinity'::date) AS due_day, apology,
              sum(n) AS value
       FROM (SELECT agency_id, kind, due_at, apology, -1 AS n FROM removed
             UNION ALL SELECT agency_id, kind, due_at, apology, 1 FROM inserted) AS changes
       GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)
     INSERT INTO supervision_counter AS c (agency_id, kind, due_day, apology, value)
       SELECT * FROM delta ORDER BY 1, 2, 3, 4
     ON CONFLICT (agency_id, kind, due_day, apology) DO UPDATE SET value = c.value + EXCLUDED.value`,
  );
  await manager.query(`DELETE FROM supervision_counter WHERE value = 0`);
}

/**
 * The counts from the projection: the counters of the agencies in the subtree `pathPrefix` (late: due on an earlier
 * UTC day), plus today's keys already due (an index range over `supervision_count_key`), corrected by the dossiers
 * marked dirty and not yet folded in (exact at once). The cost is the number of counter rows (agencies × due days),
 * of keys due today and of dirty dossiers, not the number of open dossiers.
 */
export async function countAgencyDeadlines(
  manager: EntityManager,
  pathPrefix: string,
  now: Date,
): Promise<AgencyDeadlineCounts[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `WITH scope AS (SELECT id, name FROM agency WHERE path LIKE $2 || '%'),
     today AS (SELECT ($1::timestamptz AT TIME ZONE 'UTC')::date AS day,
                      date_trunc('day', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start),
     dirty AS (SELECT ARRAY(SELECT DISTINCT dossier_id FROM supervision_dirty) AS ids),
     counted AS (
       SELECT c.agency_id, c.kind, c.apology, c.value, c.due_day < today.day AS due, true AS counter
       FROM supervision_counter c, today WHERE c.agency_id IN (SELECT id FROM scope)
       UNION ALL
       SELECT k.agency_id, k.kind, k.apology, 1, true, false
       FROM supervision_count_key k, today
       WHERE k.kind IN ('running', 'step') AND k.due_at >= today.start AND k.due_at < $1
         AND k.agency_id IN (SELECT id FROM scope)
       UNION ALL
       -- Dossiers changed since they were folded in: their stored keys out, their keys now in.
       SELECT adjust.agency_id, adjust.kind, adjust.apology, adjust.n, coalesce(adjust.due_at < $1, false), true
       FROM (SELECT k.agency_id, k.kind, k.apology, k.due_at, -1 AS n
             FROM supervision_count_key k, dirty WHERE k.dossier_id = ANY(dirty.ids)
             UNION ALL
             SELECT keys.agency_id, keys.kind, keys.apology, keys.due_at, 1
             FROM dirty, motcua_supervision_keys(dirty.ids) AS keys) AS adjust
       WHERE adjust.agency_id IN (SELECT id FROM scope)),
     per_agency AS (
       SELECT agency_id,
              coalesce(sum(value) FILTER (WHERE counter AND kind IN ('running', 'paused')), 0) AS open,
              coalesce(sum(value) FILTER (WHERE kind = 'running' AND due), 0) AS late,
              coalesce(sum(value) FILTER (WHERE kind = 'running' AND due AND NOT apology), 0) AS late_without_apology,
              coalesce(sum(value) FILTER (WHERE counter AND kind = 'paused'), 0) AS paused,
              coalesce(sum(value) FILTER (WHERE counter AND kind = 'charged'), 0) AS late_charged,
              coalesce(sum(value) FILTER (WHERE kind = 'step' AND due), 0) AS steps_overrunning
       FROM counted GROUP BY agency_id)
     SELECT s.id, s.name, p.open, p.late, p.late_without_apology, p.paused, p.late_charged, p.steps_overrunning
     FROM scope s JOIN per_agency p ON p.agency_id = s.id
     WHERE p.open > 0 OR p.late_charged > 0 OR p.steps_overrunning > 0
     ${ORDER_BY}`,
    [now, pathPrefix],
  );
  return toCounts(rows);
}

/**
 * The same counts aggregated from the dossier, clock and step rows (what the projection replaces, and what it is
 * checked against): the cost grows with the open dossiers of the subtree.
 */
export async function recountAgencyDeadlines(
  manager: EntityManager,
  pathPrefix: string,
  now: Date,
): Promise<AgencyDeadlineCounts[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `WITH scope AS (SELECT id, name FROM agency WHERE path LIKE $2 || '%'),
     received AS (
       SELECT d.receiving_agency_id AS agency_id, count(*)::int AS open,
              count(*) FILTER (WHERE d.status <> 'awaiting-supplement' AND d.appointment_at < $1)::int AS late,
              count(*) FILTER (WHERE d.status <> 'awaiting-supplement' AND d.appointment_at < $1 AND NOT EXISTS (SELECT 1 FROM dossier_apology ap WHERE ap.dossier_id = d.id))::int AS late_without_apology,
              count(*) FILTER (WHERE d.status = 'awaiting-supplement')::int AS paused
       FROM dossier d
       WHERE d.status IN ${OPEN_DOSSIER_STATUSES_SQL} AND d.parent_dossier_id IS NULL
         AND d.receiving_agency_id IN (SELECT id FROM scope)
       GROUP BY 1),
     charged AS (
       SELECT c.late_agency_id AS agency_id, count(*)::int AS late_charged
       FROM deadline_clock c JOIN dossier d ON d.id = c.subject_id
       WHERE c.subject_type = 'dossier' AND c.overdue_at IS NOT NULL AND d.status IN ${OPEN_DOSSIER_STATUSES_SQL}
         AND d.parent_dossier_id IS NULL AND c.late_agency_id IN (SELECT id FROM scope)
       GROUP BY 1),
     overrunning AS (
       SELECT t.agency_id, count(*)::int AS steps_overrunning
       FROM step_task t LEFT JOIN deadline_clock c ON c.subject_type = 'step' AND c.subject_id = t.id
       WHERE t.status IN ('open', 'claimed') AND t.agency_id IN (SELECT id FROM scope)
         AND (CASE WHEN c.subject_id IS NULL THEN t.deadline_at WHEN c.clock_status = 'paused' THEN NULL
                   ELSE coalesce(c.deadline_at, t.deadline_at) END) < $1
       GROUP BY 1)
     SELECT s.id, s.name, coalesce(r.open, 0) AS open, coalesce(r.late, 0) AS late,
            coalesce(r.late_without_apology, 0) AS late_without_apology, coalesce(r.paused, 0) AS paused,
            coalesce(ch.late_charged, 0) AS late_charged, coalesce(o.steps_overrunning, 0) AS steps_overrunning
     FROM scope s
     LEFT JOIN received r ON r.agency_id = s.id
     LEFT JOIN charged ch ON ch.agency_id = s.id
     LEFT JOIN overrunning o ON o.agency_id = s.id
     WHERE r.agency_id IS NOT NULL OR ch.agency_id IS NOT NULL OR o.agency_id IS NOT NULL
     ${ORDER_BY}`,
    [now, pathPrefix],
  );
  return toCounts(rows);
}

/** Rebuilds the projection from the current rows (after a restore, or to check it): keys and counters replaced. */
export async function rebuildSupervisionCounts(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM supervision_dirty`);
  await manager.query(`DELETE FROM supervision_count_key`);
  await manager.query(`DELETE FROM supervision_counter`);
  await manager.query(
    `INSERT INTO supervision_count_key
       SELECT * FROM motcua_supervision_keys(ARRAY(
         SELECT id FROM dossier WHERE status IN ${OPEN_DOSSIER_STATUSES_SQL}
         UNION SELECT dossier_id FROM step_task WHERE status IN ('open', 'claimed')))`,
  );
  await manager.query(
    `INSERT INTO supervision_counter
       SELECT agency_id, kind, coalesce((due_at AT TIME ZONE 'UTC')::date, 'infinity'::date), apology, count(*)
       FROM supervision_count_key GROUP BY 1, 2, 3, 4`,
  );
}
