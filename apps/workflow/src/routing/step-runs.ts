import {
  DEFAULT_HOURS_PER_WORKING_DAY,
  isParallelStep,
  ProcessDefinitionDocument,
  StartStepAction,
  StepDefinition,
  toWorkingHours,
} from '@motcua/domain';
import { recordClockEntry, stopClockIfRunning } from '@motcua/application';
import { PENDING_STEP_TASK_STATUSES, StepTaskEntity, StepTaskRepository } from '@motcua/persistence';
import { PinnedDefinition, RoutingContext, StoredEvent } from './routing-context';
import { StepHandlerRegistry } from './step-handlers/step-handler.registry';
import { StepHandler, stepHandlerKey } from './step-handlers/step-handler';

/**
 * Opening and closing step runs: what every step kind shares (the step_task row, the step's own clock and its
 * timers, the 'step-started' / 'step-cancelled' events), around the calls to the kind's handler.
 */
export class StepRuns {
  constructor(private readonly handlers: StepHandlerRegistry) {}

  /**
   * Opens a run for a start-step action: row (business key: a replay finds it and does nothing), the step clock
   * started and its timers armed in this transaction, the kind's dossier effects, 'step-started', then the handler
   * hands the work over.
   */
  async open(
    context: RoutingContext,
    cause: StoredEvent,
    definition: PinnedDefinition,
    action: StartStepAction,
    from: StepTaskEntity | undefined,
  ): Promise<void> {
    const { manager, calendar, dossier } = context;
    const handler = this.handlers.handlerFor(stepHandlerKey(action));
    const agency = await context.resolveAgency(action.agency);
    const leadAgency = action.parallel ? await context.resolveAgency(action.parallel.leadAgency) : null;
    const budgetMinutes = Math.round(toWorkingHours(action.budget, DEFAULT_HOURS_PER_WORKING_DAY) * 60);
    const startedAt = cause.occurredAt;
    const deadlineAt = calendar.addWorkingMinutes(calendar.nextOpening(startedAt), budgetMinutes);
    const branchKey = action.branchKey ?? '';
    const task = await new StepTaskRepository(manager).insertStarted({
      dossierId: dossier.id,
      procedureId: dossier.procedureId,
      processDefinitionId: definition.id,
      stepId: action.stepId,
      attempt: action.attempt,
      branchKey,
      kind: action.kind,
      agencyId: agency.id,
      budgetMinutes,
      startedAt,
      deadlineAt,
      handover: action.handover,
      previousStepTaskId: from?.id ?? null,
      previousStepId: action.previousStepId ?? null,
      parallelStepId: action.parallel?.stepId ?? null,
      leadAgencyId: leadAgency?.id ?? null,
      connector: action.connector?.name ?? null,
      maxAttempts: action.connector?.maxAttempts ?? null,
      startedEventSequence: cause.sequence,
    });
    if (!task) return; // business key exists: already started (replay)
    if (handler.clockEffect === 'agency-time') {
      await recordClockEntry(
        manager,
        { dossierId: dossier.id, stepTaskId: task.id, type: 'start', at: startedAt },
        startedAt,
      );
    }
    const run = { task, agency, action, cause };
    await handler.beforeStarted?.(context, run);
    await context.append(cause, 'step-started', {
      stepTaskId: task.id,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey,
      kind: task.kind,
      agencyId: agency.id,
      agencyIdentifier: agency.identifier,
      budgetMinutes,
      startedAt: startedAt.toISOString(),
      deadlineAt: deadlineAt.toISOString(),
      handover: task.handover,
      previousStepTaskId: task.previousStepTaskId,
      ...(action.parallel ? { parallelStepId: action.parallel.stepId, leadAgencyId: leadAgency?.id ?? null } : {}),
    });
    await handler.start(context, run);
  }

  /** Cancels one pending run named by the pure router (a parallel branch cut by a refusal elsewhere...). */
  async cancel(
    context: RoutingContext,
    cause: StoredEvent,
    definition: ProcessDefinitionDocument,
    key: { stepId: string; attempt: number; branchKey: string },
  ): Promise<void> {
    const cancelled = await new StepTaskRepository(context.manager).cancelPending(
      context.dossier.id,
      key.stepId,
      key.attempt,
      key.branchKey,
      cause.occurredAt,
    );
    if (cancelled) await this.closeCancelled(context, cause, definition, cancelled, null);
  }

  /**
   * The dossier has ended (withdrawn, refused, stopped...): every pending run is cancelled — its clock stopped and
   * timers disarmed, a 'step-cancelled' event, its handler's `cancel` (linked sub-dossiers, payment requests).
   */
  async cancelAllPending(
    context: RoutingContext,
    cause: StoredEvent,
    definition: ProcessDefinitionDocument | null,
    reason: string,
  ): Promise<number> {
    const tasks = new StepTaskRepository(context.manager);
    const pending = (await tasks.listForDossier(context.dossier.id)).filter((task) =>
      PENDING_STEP_TASK_STATUSES.includes(task.status),
    );
    let cancelled = 0;
    for (const task of pending) {
      const row = await tasks.cancelPending(
        context.dossier.id,
        task.stepId,
        task.attempt,
        task.branchKey,
        cause.occurredAt,
      );
      if (!row) continue;
      await this.closeCancelled(context, cause, definition, row, reason);
      cancelled++;
    }
    return cancelled;
  }

  /** The handler of a step run: by the definition's step (sub-dossier tasks), else by the run's stored kind. */
  handlerOf(step: StepDefinition | undefined, task: StepTaskEntity): StepHandler {
    const key = step && !isParallelStep(step) ? stepHandlerKey(step) : task.kind;
    return this.handlers.handlerFor(key);
  }

  private async closeCancelled(
    context: RoutingContext,
    cause: StoredEvent,
    definition: ProcessDefinitionDocument | null,
    task: StepTaskEntity,
    reason: string | null,
  ): Promise<void> {
    await stopClockIfRunning(
      context.manager,
      { dossierId: context.dossier.id, stepTaskId: task.id, at: cause.occurredAt },
      cause.occurredAt,
    );
    await context.append(cause, 'step-cancelled', {
      stepTaskId: task.id,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey: task.branchKey,
      ...(reason ? { reason } : {}),
    });
    const step = definition?.steps.find((candidate) => candidate.id === task.stepId);
    await this.handlerOf(step, task).cancel(context, task, cause, reason ?? 'cancelled by routing');
  }
}
