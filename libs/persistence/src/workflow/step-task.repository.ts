import { DomainError, Handover, StepOutcome, WorkStepDefinition } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { lockDossierRow } from '../dossier/dossier-lock';
import { StepTaskEntity, StepTaskStatus } from './step-task.entity';
import { DeadLetterRow, InboxCursor, InboxFilter, InboxRow, stepTaskOfRow } from './step-task-row';

export interface NewStepTask {
  dossierId: string;
  procedureId: string;
  processDefinitionId: string;
  stepId: string;
  attempt: number;
  branchKey: string;
  kind: WorkStepDefinition['kind'];
  agencyId: string;
  budgetMinutes: number;
  startedAt: Date;
  deadlineAt: Date;
  handover: Handover;
  previousStepTaskId: string | null;
  previousStepId: string | null;
  parallelStepId: string | null;
  leadAgencyId: string | null;
  connector: string | null;
  maxAttempts: number | null;
  startedEventSequence: number;
}

export function stepTaskConflict(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('step-task.conflict', message, 'conflict', details);
}

export function stepTaskNotFound(id: string): DomainError {
  return new DomainError('step-task.not-found', `Step task ${id} not found`, 'not-found', { id });
}

/** Step tasks (one row per step run at one agency). Plain class; writes belong in the caller's transaction. */
export class StepTaskRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts a started step; returns null when that business key exists already (a replay). */
  async insertStarted(task: NewStepTask): Promise<StepTaskEntity | null> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `INSERT INTO step_task (dossier_id, procedure_id, process_definition_id, step_id, attempt, branch_key, kind, agency_id,
         status, budget_minutes, started_at, deadline_at, handover, previous_step_task_id, previous_step_id,
         parallel_step_id, lead_agency_id, connector, max_attempts, started_event_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (dossier_id, step_id, attempt, branch_key) DO NOTHING RETURNING *`,
      [
        task.dossierId,
        task.procedureId,
        task.processDefinitionId,
        task.stepId,
        task.attempt,
        task.branchKey,
        task.kind,
        task.agencyId,
        task.budgetMinutes,
        task.startedAt,
        task.deadlineAt,
        task.handover,
        task.previousStepTaskId,
        task.previousStepId,
        task.parallelStepId,
        task.leadAgencyId,
        task.connector,
        task.maxAttempts,
        task.startedEventSequence,
      ],
    );
    return rows.length === 0 ? null : stepTaskOfRow(this.manager, rows[0]);
  }

  findById(id: string): Promise<StepTaskEntity | null> {
    return this.manager.getRepository(StepTaskEntity).findOne({ where: { id } });
  }

  /** A step of this agency, or null (a step of another agency is reported as not found). */
  findForAgency(id: string, agencyId: string): Promise<StepTaskEntity | null> {
    return this.manager.getRepository(StepTaskEntity).findOne({ where: { id, agencyId } });
  }

  /** Every step run of a dossier, in the order they were started. */
  listForDossier(dossierId: string): Promise<StepTaskEntity[]> {
    return this.manager
      .getRepository(StepTaskEntity)
      .createQueryBuilder('task')
      .where('task.dossier_id = :dossierId', { dossierId })
      .orderBy('task.run_order', 'ASC')
      .getMany();
  }

  /**
   * An agency's inbox, by deadline then id, keyset-paginated (`after` = last row of the previous page). The
   * default status set matches the partial index `step_task_inbox_idx`, so the plan is an index range scan.
   */
  async listInbox(agencyId: string, filter: InboxFilter, limit: number, after?: InboxCursor): Promise<InboxRow[]> {
    const conditions = ['task.agency_id = $1'];
    const values: unknown[] = [agencyId];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    if (filter.status) add((p) => `task.status = ${p}`, filter.status);
    else conditions.push(`task.status IN ('open', 'claimed')`);
    if (filter.procedureId) add((p) => `task.procedure_id = ${p}`, filter.procedureId);
    if (filter.deadlineBefore) add((p) => `task.deadline_at < ${p}`, filter.deadlineBefore);
    if (filter.assignedUserId) add((p) => `task.assigned_user_id = ${p}`, filter.assignedUserId);
    if (after) {
      values.push(after.deadlineAt, after.id);
      conditions.push(`(task.deadline_at, task.id) > ($${values.length - 1}, $${values.length})`);
    }
    values.push(limit);
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT task.id, task.dossier_id, dossier.code AS dossier_code, task.procedure_id, task.step_id, task.attempt,
              task.branch_key, task.kind, task.status, task.assigned_user_id, task.started_at, task.deadline_at,
              task.budget_minutes, task.handover, task.version
       FROM step_task task JOIN dossier ON dossier.id = task.dossier_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY task.deadline_at ASC, task.id ASC
       LIMIT $${values.length}`,
      values,
    );
    return rows.map((row) => ({
      id: String(row.id),
      dossierId: String(row.dossier_id),
      dossierCode: String(row.dossier_code),
      procedureId: String(row.procedure_id),
      stepId: String(row.step_id),
      attempt: Number(row.attempt),
      branchKey: String(row.branch_key),
      kind: String(row.kind),
      status: row.status as StepTaskStatus,
      assignedUserId: (row.assigned_user_id as string | null) ?? null,
      startedAt: new Date(row.started_at as string),
      deadlineAt: new Date(row.deadline_at as string),
      budgetMinutes: Number(row.budget_minutes),
      handover: row.handover as Handover,
      version: Number(row.version),
    }));
  }

  /** Locks the dossier a step belongs to (same lock order everywhere: dossier, then step rows). */
  async lockDossier(dossierId: string): Promise<void> {
    await lockDossierRow(this.manager, dossierId);
  }

  /**
   * Conditional update: applies `set` only if the row is still in one of `fromStatuses` and at
   * `expectedVersion`, bumping the version. Returns the updated row, or null when someone else won.
   */
  async updateIf(
    id: string,
    fromStatuses: readonly StepTaskStatus[],
    expectedVersion: number,
    set: Record<string, unknown>,
  ): Promise<StepTaskEntity | null> {
    return this.conditionalUpdate(id, fromStatuses, expectedVersion, set, []);
  }

  /**
   * `updateIf` for a completion: also sets `completed_event_sequence` to the sequence the completion's event will
   * get (the chain's next one, read in the same statement under the dossier row lock the caller holds), so the
   * row is written once. The caller checks the event got that sequence (`setCompletedEventSequence` if not).
   */
  completeIf(
    id: string,
    fromStatuses: readonly StepTaskStatus[],
    expectedVersion: number,
    set: Record<string, unknown>,
  ): Promise<StepTaskEntity | null> {
    return this.conditionalUpdate(id, fromStatuses, expectedVersion, set, [
      `completed_event_sequence = (SELECT coalesce(max(sequence), 0) + 1 FROM dossier_event WHERE dossier_id = step_task.dossier_id)`,
    ]);
  }

  private async conditionalUpdate(
    id: string,
    fromStatuses: readonly StepTaskStatus[],
    expectedVersion: number,
    set: Record<string, unknown>,
    expressions: string[],
  ): Promise<StepTaskEntity | null> {
    const columns = Object.keys(set);
    const assignments = columns.map((column, index) => `${column} = $${index + 4}`);
    const result: [Array<Record<string, unknown>>, number] = await this.manager.query(
      `UPDATE step_task SET ${[...assignments, ...expressions, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND status = ANY($2::text[]) AND version = $3 RETURNING *`,
      [id, [...fromStatuses], expectedVersion, ...columns.map((column) => set[column])],
    );
    return result[1] === 1 ? stepTaskOfRow(this.manager, result[0][0]) : null;
  }

  /** Supplement requests already made for a dossier, by any step (the one-supplement rule counts them). */
  async countSupplementRequests(dossierId: string): Promise<number> {
    const [{ count }] = await this.manager.query(
      `SELECT count(*)::int AS count FROM step_task WHERE dossier_id = $1 AND outcome = 'request-supplement'`,
      [dossierId],
    );
    return Number(count);
  }

  async setCompletedEventSequence(id: string, sequence: number): Promise<void> {
    await this.manager.query(`UPDATE step_task SET completed_event_sequence = $2 WHERE id = $1`, [id, sequence]);
  }

  /** Cancels a still-pending step (routing ended the run elsewhere); false when it was no longer pending. */
  async cancelPending(
    dossierId: string,
    stepId: string,
    attempt: number,
    branchKey: string,
    at: Date,
  ): Promise<StepTaskEntity | null> {
    const result: [Array<Record<string, unknown>>, number] = await this.manager.query(
      `UPDATE step_task SET status = 'cancelled', completed_at = $5, version = version + 1, updated_at = now()
       WHERE dossier_id = $1 AND step_id = $2 AND attempt = $3 AND branch_key = $4
         AND status IN ('open', 'claimed', 'dead-letter') RETURNING *`,
      [dossierId, stepId, attempt, branchKey, at],
    );
    return result[0].length > 0 ? stepTaskOfRow(this.manager, result[0][0]) : null;
  }

  /** Counts one failed connector attempt (outside the job's consuming transaction). Returns the new count. */
  async recordConnectorFailure(id: string, error: string): Promise<number> {
    const rows: [Array<{ connector_attempts: number }>, number] = await this.manager.query(
      `UPDATE step_task SET connector_attempts = connector_attempts + 1, last_error = $2, updated_at = now()
       WHERE id = $1 AND status = 'open' RETURNING connector_attempts`,
      [id, error.slice(0, 2000)],
    );
    return rows[1] === 1 ? Number(rows[0][0].connector_attempts) : 0;
  }

  /** Dead letters visible to a supervisor: steps of agencies under `agencyPathPrefix`. Oldest first. */
  /** Keyset on (dead_lettered_at, id): `after` is the last row of the previous page. */
  async listDeadLetters(
    agencyPathPrefix: string,
    limit: number,
    after?: { deadLetteredAt: Date; id: string },
  ): Promise<DeadLetterRow[]> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT task.id, task.dossier_id, dossier.code AS dossier_code, task.agency_id, agency.identifier AS agency_identifier,
              task.step_id, task.attempt, task.branch_key, task.connector, task.connector_attempts, task.max_attempts,
              task.last_error, task.dead_lettered_at, task.manual_retries
       FROM step_task task
       JOIN dossier ON dossier.id = task.dossier_id
       JOIN agency ON agency.id = task.agency_id
       WHERE task.status = 'dead-letter' AND agency.path LIKE $1
         AND ($3::timestamptz IS NULL OR (task.dead_lettered_at, task.id) > ($3, $4::uuid))
       ORDER BY task.dead_lettered_at ASC, task.id ASC LIMIT $2`,
      [`${agencyPathPrefix}%`, limit, after?.deadLetteredAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({
      id: String(row.id),
      dossierId: String(row.dossier_id),
      dossierCode: String(row.dossier_code),
      agencyId: String(row.agency_id),
      agencyIdentifier: String(row.agency_identifier),
      stepId: String(row.step_id),
      attempt: Number(row.attempt),
      branchKey: String(row.branch_key),
      connector: (row.connector as string | null) ?? null,
      connectorAttempts: Number(row.connector_attempts),
      maxAttempts: row.max_attempts === null ? null : Number(row.max_attempts),
      lastError: (row.last_error as string | null) ?? null,
      deadLetteredAt: new Date(row.dead_lettered_at as string),
      manualRetries: Number(row.manual_retries),
    }));
  }

  /** A dead-lettered step of an agency under `agencyPathPrefix` (supervisor scope), or null. */
  async findDeadLetterInScope(id: string, agencyPathPrefix: string): Promise<StepTaskEntity | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT task.id FROM step_task task JOIN agency ON agency.id = task.agency_id
       WHERE task.id = $1 AND agency.path LIKE $2`,
      [id, `${agencyPathPrefix}%`],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }
}

export type { StepOutcome };
