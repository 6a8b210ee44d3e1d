import { FINAL_DOSSIER_STATUSES } from '@motcua/domain';
import { DataSource } from 'typeorm';

/**
 * Issue #10 "ended dossiers stop": the steps of a dossier in a final status (withdrawn, refused, stopped, returned…)
 * that are still pending, and the pending deadline timers of those steps. Both must be empty once the queues are
 * idle. Used by the e2e harness's teardown (every e2e suite) and by the ended-dossier suite.
 */
export async function pendingWorkOfEndedDossiers(
  dataSource: DataSource,
): Promise<Array<{ dossier_id: string; dossier_status: string; step_id: string; what: string }>> {
  return dataSource.query(
    `SELECT d.id AS dossier_id, d.status AS dossier_status, t.step_id, 'step ' || t.status AS what
       FROM step_task t JOIN dossier d ON d.id = t.dossier_id
      WHERE d.status = ANY($1::text[]) AND t.status IN ('open', 'claimed', 'dead-letter')
     UNION ALL
     SELECT d.id, d.status, t.step_id, 'timer ' || timer.threshold_id
       FROM deadline_timer timer JOIN step_task t ON timer.subject_type = 'step' AND timer.subject_id = t.id
       JOIN dossier d ON d.id = t.dossier_id
      WHERE d.status = ANY($1::text[]) AND timer.status = 'pending'
     ORDER BY 1, 3`,
    [[...FINAL_DOSSIER_STATUSES]],
  );
}
