import {
  classifyByCalendarDate,
  computeClockState,
  DomainError,
  isParallelStep,
  StepOutcome,
  WorkingCalendar,
} from '@motcua/domain';
import { stepJob } from '@motcua/queues/agency.queue';
import { EntityManager } from 'typeorm';
import { CalendarRepository } from '../calendar/calendar.repository';
import { appendClockEntry, loadClockEntries } from '../dossier/clock-entry.repository';
import { appendDossierEvent, DossierEventActor } from '../dossier/dossier-event.repository';
import { writeOutbox } from '../outbox/outbox';
import { ProcessDefinitionRepository } from './process-definition.repository';
import { StepTaskEntity } from './step-task.entity';
import { stepTaskConflict, stepTaskNotFound, StepTaskRepository } from './step-task.repository';

export interface CompleteStepTaskInput {
  stepTaskId: string;
  /** Scope: the acting agency (null = the system, e.g. a connector worker). */
  agencyId: string | null;
  /** The version the caller saw (optimistic lock); defaults to the current one. */
  expectedVersion?: number;
  outcome: StepOutcome;
  comment?: string | null;
  actor: DossierEventActor | null;
  /** Leads may complete a step claimed by another officer. */
  mayOverrideAssignee?: boolean;
  now: Date;
  calendar?: WorkingCalendar;
}

/**
 * Completes a step run: `UPDATE ... WHERE id AND status IN (open, claimed) AND version = $expected` (exactly one
 * of several concurrent completions wins; the others get a 409), stops the step's clock, classifies it early /
 * on time / late against the agency's own budget (periodic-report convention: calendar dates), and appends the
 * 'step-completed' event whose outbox row makes the workflow route the next step. Caller's transaction.
 */
export async function completeStepTask(manager: EntityManager, input: CompleteStepTaskInput): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const found = input.agencyId
    ? await tasks.findForAgency(input.stepTaskId, input.agencyId)
    : await tasks.findById(input.stepTaskId);
  if (!found) throw stepTaskNotFound(input.stepTaskId);
  // Lock order everywhere: dossier row first, then step rows (routing does the same).
  await tasks.lockDossier(found.dossierId);
  const task = (await tasks.findById(found.id)) as StepTaskEntity;
  if (task.status !== 'open' && task.status !== 'claimed') {
    throw stepTaskConflict(`Step '${task.stepId}' is ${task.status}; it can no longer be completed`, {
      status: task.status,
    });
  }
  const expectedVersion = input.expectedVersion ?? task.version;
  if (task.version !== expectedVersion) {
    throw stepTaskConflict(
      `Step '${task.stepId}' was changed by someone else (version ${task.version}, expected ${expectedVersion})`,
    );
  }
  if (
    task.assignedUserId &&
    input.actor?.userId &&
    task.assignedUserId !== input.actor.userId &&
    !input.mayOverrideAssignee
  ) {
    throw stepTaskConflict(`Step '${task.stepId}' is assigned to another officer`);
  }
  await checkOutcome(manager, task, input.outcome, input.actor !== null);

  const calendar = input.calendar ?? (await new CalendarRepository(manager).loadCalendar());
  const entries = await loadClockEntries(manager, task.dossierId, task.id);
  const clock = computeClockState(entries, {
    budgetMinutes: task.budgetMinutes,
    calendar,
    supplementClock: 'pause',
    now: input.now,
  });
  const onTimeClass = classifyByCalendarDate(input.now, clock.deadline ?? task.deadlineAt);

  const updated = await tasks.updateIf(task.id, ['open', 'claimed'], expectedVersion, {
    status: 'completed',
    outcome: input.outcome,
    comment: input.comment ?? null,
    completed_at: input.now,
    on_time_class: onTimeClass,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was completed or changed by someone else`);
  if (clock.status === 'running' || clock.status === 'paused') {
    await appendClockEntry(manager, {
      dossierId: task.dossierId,
      stepTaskId: task.id,
      type: 'stop',
      at: input.now,
      actorUserId: input.actor?.userId ?? null,
    });
  }
  const event = await appendDossierEvent(manager, {
    dossierId: task.dossierId,
    type: 'step-completed',
    payload: {
      stepTaskId: task.id,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey: task.branchKey,
      agencyId: task.agencyId,
      outcome: input.outcome,
      comment: input.comment ?? null,
      onTimeClass,
      deadlineAt: (clock.deadline ?? task.deadlineAt).toISOString(),
      completedAt: input.now.toISOString(),
    },
    actor: input.actor,
    occurredAt: input.now,
  });
  await tasks.setCompletedEventSequence(task.id, event.sequence);
  return { ...updated, completedEventSequence: event.sequence };
}

/** The outcome must be a transition of the step; a supplement may be requested once per dossier (via the desk). */
async function checkOutcome(
  manager: EntityManager,
  task: StepTaskEntity,
  outcome: StepOutcome,
  byPerson: boolean,
): Promise<void> {
  const [dossier] = await manager.query(`SELECT process_definition_id FROM dossier WHERE id = $1`, [task.dossierId]);
  const definition = dossier?.process_definition_id
    ? await new ProcessDefinitionRepository(manager).findById(dossier.process_definition_id)
    : null;
  const step = definition?.document.steps.find((candidate) => candidate.id === task.stepId);
  if (!step || isParallelStep(step)) {
    throw new DomainError(
      'step-task.unknown-step',
      `Step '${task.stepId}' is not in the dossier's process definition`,
      'conflict',
    );
  }
  if (byPerson && step.kind === 'task' && step.subDossier) {
    // The router completes it when the linked sub-dossier finishes (result → approve, refusal → refuse).
    throw new DomainError(
      'step-task.awaits-sub-dossier',
      `Step '${task.stepId}' waits for its sub-dossier of procedure ${step.subDossier.procedureCode} and completes by itself when that dossier finishes`,
      'precondition',
    );
  }
  if (byPerson && step.kind === 'payment') {
    // The payment service completes it when the request is paid (desk payment, gateway IPN or reconciliation).
    throw new DomainError(
      'step-task.awaits-payment',
      `Step '${task.stepId}' completes when its fee is paid: record a desk payment (POST /dossiers/{id}/payments/desk) or pay online`,
      'precondition',
    );
  }
  if (step.transitions[outcome] === undefined) {
    const allowed = Object.keys(step.transitions).join(', ');
    throw new DomainError(
      'step-task.outcome-not-allowed',
      `Step '${task.stepId}' cannot end with '${outcome}' (allowed: ${allowed})`,
      'invalid',
      {
        allowed: Object.keys(step.transitions),
      },
    );
  }
  if (outcome === 'request-supplement') {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM step_task WHERE dossier_id = $1 AND outcome = 'request-supplement'`,
      [task.dossierId],
    );
    if (count > 0) {
      // NĐ 61/2018 Art. 16: the applicant is asked for everything missing at once; a second request is refused.
      throw new DomainError(
        'step-task.supplement-already-requested',
        'A supplement was already requested for this dossier',
        'precondition',
      );
    }
  }
}

/** Claims an open step for the acting officer. */
export async function claimStepTask(
  manager: EntityManager,
  input: { stepTaskId: string; agencyId: string; userId: string; expectedVersion?: number; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const task = await tasks.findForAgency(input.stepTaskId, input.agencyId);
  if (!task) throw stepTaskNotFound(input.stepTaskId);
  if (task.status === 'claimed' && task.assignedUserId === input.userId) return task;
  if (task.status !== 'open') throw stepTaskConflict(`Step '${task.stepId}' is ${task.status}; it cannot be claimed`);
  const updated = await tasks.updateIf(task.id, ['open'], input.expectedVersion ?? task.version, {
    status: 'claimed',
    assigned_user_id: input.userId,
    claimed_at: input.now,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was claimed or changed by someone else`);
  return updated;
}

/** Assigns (or reassigns) a pending step of the agency to an officer of the same agency. */
export async function assignStepTask(
  manager: EntityManager,
  input: { stepTaskId: string; agencyId: string; assigneeUserId: string; expectedVersion?: number; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const task = await tasks.findForAgency(input.stepTaskId, input.agencyId);
  if (!task) throw stepTaskNotFound(input.stepTaskId);
  if (task.status !== 'open' && task.status !== 'claimed') {
    throw stepTaskConflict(`Step '${task.stepId}' is ${task.status}; it cannot be assigned`);
  }
  await checkAssignee(manager, task, input.assigneeUserId);
  const updated = await tasks.updateIf(task.id, ['open', 'claimed'], input.expectedVersion ?? task.version, {
    status: 'claimed',
    assigned_user_id: input.assigneeUserId,
    claimed_at: task.claimedAt ?? input.now,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was changed by someone else`);
  return updated;
}

/** Roles that may be given a step of their agency. */
export const ASSIGNABLE_ROLES = ['agency_officer', 'agency_lead'] as const;

/**
 * The assignee must be an active account of the step's own agency holding an officer or lead role.
 * Unknown user → 404; inactive, other agency or wrong role → 400. Both name the request field `userId`.
 */
async function checkAssignee(manager: EntityManager, task: StepTaskEntity, assigneeUserId: string): Promise<void> {
  const [user]: Array<{ active: boolean; agency_id: string; roles: string[] }> = await manager.query(
    `SELECT active, agency_id, roles FROM app_user WHERE id = $1`,
    [assigneeUserId],
  );
  if (!user) {
    throw new DomainError('step-task.unknown-assignee', `userId: no user ${assigneeUserId}`, 'not-found', {
      field: 'userId',
    });
  }
  const problem = !user.active
    ? 'is not active'
    : user.agency_id !== task.agencyId
      ? "does not belong to the step's agency"
      : !user.roles.some((role) => (ASSIGNABLE_ROLES as readonly string[]).includes(role))
        ? `has none of the roles ${ASSIGNABLE_ROLES.join(', ')}`
        : null;
  if (problem) {
    throw new DomainError(
      'step-task.invalid-assignee',
      `userId: user ${assigneeUserId} ${problem}; a step can only be assigned to an active ${ASSIGNABLE_ROLES.join(' or ')} of its agency`,
      'invalid',
      { field: 'userId' },
    );
  }
}

/** A connector step that failed its last attempt: dead letter, visible to supervisors. No-op if not open. */
export async function markStepDeadLettered(
  manager: EntityManager,
  input: { stepTaskId: string; error: string; now: Date },
): Promise<StepTaskEntity | null> {
  const tasks = new StepTaskRepository(manager);
  const found = await tasks.findById(input.stepTaskId);
  if (!found) return null;
  await tasks.lockDossier(found.dossierId);
  const task = (await tasks.findById(found.id)) as StepTaskEntity;
  if (task.status !== 'open') return null;
  const updated = await tasks.updateIf(task.id, ['open'], task.version, {
    status: 'dead-letter',
    dead_lettered_at: input.now,
    last_error: input.error.slice(0, 2000),
  });
  if (!updated) return null;
  await appendDossierEvent(manager, {
    dossierId: task.dossierId,
    type: 'step-dead-lettered',
    payload: {
      stepTaskId: task.id,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey: task.branchKey,
      connector: task.connector,
      connectorAttempts: updated.connectorAttempts,
      error: input.error.slice(0, 500),
    },
    actor: null,
    occurredAt: input.now,
  });
  return updated;
}

/**
 * Manual retry of a dead-lettered connector step (supervisor): back to open with a fresh attempt budget, an
 * event, and a new dispatch to the agency queue (its own outbox dedupe key, so it is written once).
 */
export async function retryDeadLetteredStep(
  manager: EntityManager,
  input: { stepTaskId: string; agencyPathPrefix: string; actor: DossierEventActor; now: Date },
): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  const found = await tasks.findDeadLetterInScope(input.stepTaskId, input.agencyPathPrefix);
  if (!found) throw stepTaskNotFound(input.stepTaskId);
  await tasks.lockDossier(found.dossierId);
  const task = (await tasks.findById(found.id)) as StepTaskEntity;
  if (task.status !== 'dead-letter')
    throw stepTaskConflict(`Step '${task.stepId}' is ${task.status}, not dead-lettered`);
  const dispatch = task.manualRetries + 1;
  const updated = await tasks.updateIf(task.id, ['dead-letter'], task.version, {
    status: 'open',
    connector_attempts: 0,
    manual_retries: dispatch,
    dead_lettered_at: null,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was changed by someone else`);
  const [agency] = await manager.query(`SELECT identifier FROM agency WHERE id = $1`, [task.agencyId]);
  await appendDossierEvent(manager, {
    dossierId: task.dossierId,
    type: 'step-retry-requested',
    payload: { stepTaskId: task.id, stepId: task.stepId, attempt: task.attempt, branchKey: task.branchKey, dispatch },
    actor: input.actor,
    occurredAt: input.now,
  });
  await writeOutbox(manager, [stepJob(agency.identifier, task.id, task, dispatch)]);
  return updated;
}
