import { Pool } from 'pg';
import { AppProcess } from './app-process';
import { LoadResult } from './load';
import { measured, SystemResult } from './system-runs';

let batch = 0;

/**
 * Timer firing capacity through the app's own workers (issue 9 acceptance 5, in `bench:fixes`): `count` timers already
 * due, spread over `dossiers` dossiers of the side's database (several per dossier, so firings of one dossier queue on
 * its row lock as in the timer bench), each with its `timer-due.v1` outbox row as arming writes it; the rate is
 * count / time until none is pending. Written in SQL (same schema on every compared commit) so both sides get the same
 * rows. Step subjects without a clock row: the firing path never re-arms or supersedes them; no recipients: the
 * effect is the dossier event, not mail.
 */
export async function timerRun(
  app: AppProcess,
  pool: Pool,
  count: number,
  dossiers: number,
  timeoutSeconds: number,
): Promise<SystemResult> {
  batch++;
  const label = `fixbench-${Date.now().toString(36)}-${batch}`;
  const { rows: available } = await pool.query(`SELECT count(*)::int AS n FROM dossier`);
  const spread = Math.max(1, Math.min(dossiers, available[0].n));
  return measured(app, async (): Promise<LoadResult> => {
    const start = Date.now();
    await pool.query(
      `WITH d AS (SELECT id, receiving_agency_id, (row_number() OVER (ORDER BY id) - 1)::int AS k FROM dossier LIMIT $2),
            t AS (INSERT INTO deadline_timer (subject_type, subject_id, dossier_id, agency_id, threshold_id, threshold_kind,
                                              recipients, deadline_version, due_at)
                  SELECT 'step', gen_random_uuid(), d.id, d.receiving_agency_id, $3 || '-' || g, 'budget-used', '{}', 1,
                         now() - interval '1 second'
                  FROM generate_series(0, $1::int - 1) AS g JOIN d ON d.k = g % $2
                  RETURNING id)
       INSERT INTO outbox_message (queue, job_name, payload, dedupe_key)
       SELECT 'deadline', 'timer-due.v1', jsonb_build_object('timerId', id::text), 'timer-' || id FROM t`,
      [count, spread, label],
    );
    let pending = count;
    for (;;) {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM deadline_timer WHERE threshold_id LIKE $1 AND status = 'pending'`,
        [`${label}-%`],
      );
      pending = rows[0].n;
      if (pending === 0 || Date.now() - start > timeoutSeconds * 1000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (Date.now() - start) / 1000;
    const fired = count - pending;
    return {
      operations: fired,
      errors: pending,
      seconds,
      perSecond: fired / seconds,
      p50: NaN,
      p99: NaN,
      errorSamples: pending ? [`${pending} of ${count} timers still pending after ${timeoutSeconds} s`] : [],
    };
  });
}
