import { Inject, Injectable } from '@nestjs/common';
import {
  decideNextSteps,
  DomainError,
  isFinalDossierStatus,
  isRoutedEventType,
  RoutingAction,
  SUPPLEMENT_PAUSE_REASON,
} from '@motcua/domain';
import { recordClockEntry, stopClockIfRunning } from '@motcua/application';
import {
  CalendarRepository,
  loadClockEntries,
  lockAndReadDossier,
  rememberChainHead,
  ProcessDefinitionEntity,
  ProcessDefinitionRepository,
  StepTaskEntity,
  StepTaskRepository,
} from '@motcua/persistence';
import { EntityManager } from 'typeorm';
import { routingEventOf, runBefore, taskOfEvent } from './process-run';
import { dispatchRoutingActions } from './routing-dispatch';
import { RoutingContext, StoredEvent } from './routing-context';
import { StepHandlerRegistry, WorkflowStepHandlers } from './step-handlers/step-handler.registry';
import { endLinkedSubDossier, returnToParent } from './step-handlers/sub-dossier.step-handler';
import { StepRuns } from './step-runs';

/**
 * Routes a dossier's not-yet-routed events, oldest first, inside the caller's transaction (the consuming
 * transaction of a `dossier-event.v1` job): cursor → `decideNextSteps` (pure) → dispatch to the step handlers.
 *
 * Why a cursor rather than "route the event of this job": jobs of one dossier can run out of order or twice
 * (retries, Redis recovery, several workers). Under the dossier row lock the router routes every event after
 * `dossier_routing.routed_sequence` in sequence order, building the process run *as it was* before each event,
 * then moves the cursor to the last event. A job whose events were routed by an earlier job finds nothing to do;
 * a replay of any job of a finished run changes nothing. The unique business key of `step_task` and the outbox
 * dedupe keys are the last line.
 *
 * An ended dossier (withdrawn, refused, stopped — any final status) is never routed on: its pending step runs are
 * cancelled through their handlers, and a linked sub-dossier whose parent ended is stopped.
 */
@Injectable()
export class RouteDossierUseCase {
  private readonly steps: StepRuns;

  constructor(@Inject(WorkflowStepHandlers) handlers: StepHandlerRegistry) {
    this.steps = new StepRuns(handlers);
  }

  /** `now`: the shared clock's now (ClockService), for what routing does on its own (stopping a sub-dossier). */
  async routeIn(manager: EntityManager, dossierId: string, now: Date): Promise<{ routedEvents: number }> {
    // The dossier row lock and the dossier as it is under it, in one round trip.
    const dossier = await lockAndReadDossier(manager, dossierId);
    if (!dossier) return { routedEvents: 0 };
    // The routing cursor, created on first use and row-locked (the upsert's DO UPDATE locks it like FOR UPDATE).
    const [cursor]: Array<{ routed_sequence: number; finished_result: string | null }> = await manager.query(
      `INSERT INTO dossier_routing (dossier_id) VALUES ($1)
       ON CONFLICT (dossier_id) DO UPDATE SET routed_sequence = dossier_routing.routed_sequence
       RETURNING routed_sequence, finished_result`,
      [dossierId],
    );
    const context = new RoutingContext(
      manager,
      dossier,
      await new CalendarRepository(manager).loadCalendar(),
      cursor.finished_result !== null,
    );
    await endLinkedSubDossier(context, now);
    const rows: Array<{
      id: string;
      sequence: number;
      type: string;
      payload: Record<string, unknown>;
      occurred_at: Date;
      hash: string;
      tx_order: string;
    }> = await manager.query(
      `SELECT id, sequence, type, payload, occurred_at, hash, tx_order::text AS tx_order FROM dossier_event
         WHERE dossier_id = $1 AND sequence > $2 ORDER BY sequence ASC`,
      [dossierId, cursor.routed_sequence],
    );
    if (rows.length === 0) return { routedEvents: 0 };
    // Read under the lock: the last row is the head of the chain, the hint for this transaction's appends.
    const head = rows[rows.length - 1];
    rememberChainHead(manager, dossierId, { sequence: Number(head.sequence), hash: head.hash, txOrder: head.tx_order });
    let routed = 0;
    for (const row of rows) {
      const event: StoredEvent = {
        id: String(row.id),
        sequence: Number(row.sequence),
        type: row.type,
        payload: row.payload ?? {},
        occurredAt: new Date(row.occurred_at),
      };
      if (!isRoutedEventType(event.type)) continue;
      if (isFinalDossierStatus(context.dossier.status)) {
        await this.endPendingSteps(context, event);
        continue;
      }
      if (context.finished) continue;
      await this.routeEvent(context, event);
      routed++;
    }
    await manager.query(
      `UPDATE dossier_routing SET routed_sequence = (SELECT max(sequence) FROM dossier_event WHERE dossier_id = $1), updated_at = now()
       WHERE dossier_id = $1`,
      [dossierId],
    );
    return { routedEvents: routed };
  }

  /** The dossier ended: cancel whatever is still pending (idempotent: a second pass finds nothing). */
  private async endPendingSteps(context: RoutingContext, event: StoredEvent): Promise<void> {
    const definition = context.dossier.processDefinitionId
      ? await new ProcessDefinitionRepository(context.manager).findPinned(context.dossier.processDefinitionId)
      : null;
    await this.steps.cancelAllPending(
      context,
      event,
      definition?.document ?? null,
      `dossier ${context.dossier.status}`,
    );
  }

  private async routeEvent(context: RoutingContext, event: StoredEvent): Promise<void> {
    const { manager } = context;
    if (
      (event.type === 'intake-accepted' || event.type === 'routing-unblocked') &&
      !context.dossier.processDefinitionId
    ) {
      const pinned = await new ProcessDefinitionRepository(manager).latestPublished(context.dossier.procedureId);
      if (!pinned) {
        await context.append(event, 'routing-blocked', {
          reason: 'no published process definition for the procedure',
          procedureId: context.dossier.procedureId,
        });
        return;
      }
      await context.updateDossier({ processDefinitionId: pinned.id });
      await context.append(event, 'definition-pinned', { processDefinitionId: pinned.id, version: pinned.version });
    }
    if (!context.dossier.processDefinitionId) return;
    const definition = (await new ProcessDefinitionRepository(manager).findPinned(
      context.dossier.processDefinitionId,
    )) as ProcessDefinitionEntity;
    const tasks = await new StepTaskRepository(manager).listForDossier(context.dossier.id);
    const routingEvent = routingEventOf(event, tasks);
    if (!routingEvent) return;
    const run = runBefore(tasks, event, routingEvent);
    let actions: RoutingAction[];
    try {
      actions = decideNextSteps(definition.document, run, routingEvent);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A completion that no longer fits the run (e.g. after a migration): logged, never retried forever.
      await context.append(event, 'routing-rejected', {
        eventSequence: event.sequence,
        code: error.code,
        message: error.message,
      });
      return;
    }
    const completedTask = taskOfEvent(event, tasks);
    if (routingEvent.type === 'step-completed' && completedTask) {
      const step = definition.document.steps.find((candidate) => candidate.id === completedTask.stepId);
      await this.steps.handlerOf(step, completedTask).complete?.(context, completedTask, routingEvent.outcome, event);
    }
    await dispatchRoutingActions(actions, {
      startStep: (action) => this.steps.open(context, event, definition, action, completedTask),
      cancelStep: (key) => this.steps.cancel(context, event, definition.document, key),
      awaitJoin: (action) =>
        context.append(event, 'awaiting-join', {
          parallelStepId: action.parallelStepId,
          pendingBranchKeys: action.pendingBranchKeys,
        }),
      requestSupplement: (action) => this.requestSupplement(context, event, action, completedTask),
      finish: (result) => this.finish(context, event, definition.document.procedureCode, result),
    });
  }

  private async requestSupplement(
    context: RoutingContext,
    event: StoredEvent,
    action: { stepId: string; attempt: number; branchKey?: string },
    task: StepTaskEntity | undefined,
  ): Promise<void> {
    await context.transition('request-supplement');
    const entries = await loadClockEntries(context.manager, context.dossier.id);
    const last = entries[entries.length - 1];
    if (last && (last.type === 'start' || last.type === 'resume' || last.type === 'extend')) {
      // The applicant's time (NĐ 61/2018 Art. 16); the rule set decides restart vs pause on resume.
      await recordClockEntry(
        context.manager,
        {
          dossierId: context.dossier.id,
          type: 'pause',
          at: event.occurredAt,
          reason: SUPPLEMENT_PAUSE_REASON,
          party: 'applicant',
        },
        event.occurredAt,
      );
    }
    await context.append(event, 'supplement-requested', {
      stepTaskId: task?.id ?? null,
      stepId: action.stepId,
      attempt: action.attempt,
      branchKey: action.branchKey ?? '',
      comment: task?.comment ?? null,
      // In time or late (the agency's fault), as judged when the step completed (complete-step-task).
      ...(event.payload.supplementRequest ? { timing: event.payload.supplementRequest } : {}),
    });
  }

  private async finish(
    context: RoutingContext,
    event: StoredEvent,
    procedureCode: string,
    result: 'result-ready' | 'refused',
  ): Promise<void> {
    let type: string;
    if (result === 'refused') {
      await context.transition('refuse');
      type = 'refused';
    } else if (context.dossier.status === 'result-ready') {
      // The definition's delivery step made the result ready when it started; finishing it returns the result.
      await context.transition('return-result');
      type = 'result-returned';
    } else {
      await context.transition('result-ready');
      type = 'result-ready';
    }
    await stopClockIfRunning(
      context.manager,
      { dossierId: context.dossier.id, at: event.occurredAt, reason: result },
      event.occurredAt,
    );
    await context.manager.query(
      `UPDATE dossier_routing SET finished_result = $2, finished_at = $3 WHERE dossier_id = $1`,
      [context.dossier.id, result, event.occurredAt],
    );
    context.finished = true;
    await context.append(event, type, { result, status: context.dossier.status, procedureCode });
    // A refusal ends the dossier: nothing may stay pending (branches the pure router did not name, sub-dossiers).
    if (result === 'refused') await this.endPendingSteps(context, event);
    if (context.dossier.parentDossierId) await returnToParent(context, event, result);
  }
}
