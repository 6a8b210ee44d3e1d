// File length: the router still holds the per-kind step special cases; branch `arch` splits them into step handlers (about 250 lines left here).
import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import {
  AgencyReference,
  effectiveCutoffTime,
  formatDossierCode,
  getRuleSet,
  INITIAL_DOSSIER_STATUS,
  SubDossierSetting,
  canTransition,
  DEFAULT_HOURS_PER_WORKING_DAY,
  DomainError,
  DossierEvent,
  nextStatus,
  ProcessDefinitionDocument,
  ProcessRun,
  RoutingAction,
  RoutingEvent,
  StartStepAction,
  StepInstance,
  StepOutcome,
  SUPPLEMENT_PAUSE_REASON,
  toWorkingHours,
  WorkingCalendar,
  decideNextSteps,
  isRoutedEventType,
} from '@motcua/domain';
import {
  appendClockEntry,
  CalendarRepository,
  deriveLookupSecret,
  hashLookupSecret,
  ProcedureRepository,
  DossierEntity,
  DossierRepository,
  loadClockEntries,
  ProcessDefinitionEntity,
  ProcessDefinitionRepository,
  StepTaskEntity,
  StepTaskRepository,
} from '@motcua/persistence';
import { completeStepTask } from '@motcua/application';
import { appendDossierEvent, writeOutbox } from '@motcua/platform';
import { openPaymentRequestJob, stepJob } from '@motcua/queues';
import { SandboxPostalCarrier } from '@motcua/integrations';
import { StartDeliveryUseCase } from './delivery/start-delivery.use-case';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

interface StoredEvent {
  id: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

interface RoutingContext {
  manager: EntityManager;
  dossier: DossierEntity;
  calendar: WorkingCalendar;
  finished: boolean;
}

/**
 * Routes a dossier's not-yet-routed events, oldest first, inside the caller's transaction (the consuming
 * transaction of a `dossier-event.v1` job).
 *
 * Why a cursor rather than "route the event of this job": jobs of one dossier can run out of order or twice
 * (retries, Redis recovery, several workers). Under the dossier row lock the router routes every event after
 * `dossier_routing.routed_sequence` in sequence order, building the process run *as it was* before each event,
 * then moves the cursor to the last event. A job whose events were routed by an earlier job finds nothing to do;
 * a replay of any job of a finished run changes nothing. The unique business key of `step_task` and the outbox
 * dedupe keys are the last line.
 */
@Injectable()
export class RouteDossierUseCase {
  constructor(@Inject(MotcuaConfig) private readonly config: MotcuaConfig) {}

  async routeIn(manager: EntityManager, dossierId: string): Promise<{ routedEvents: number }> {
    const locked: unknown[] = await manager.query(`SELECT id FROM dossier WHERE id = $1 FOR UPDATE`, [dossierId]);
    if (locked.length === 0) return { routedEvents: 0 };
    await manager.query(`INSERT INTO dossier_routing (dossier_id) VALUES ($1) ON CONFLICT (dossier_id) DO NOTHING`, [
      dossierId,
    ]);
    const [cursor] = await manager.query(
      `SELECT routed_sequence, finished_result FROM dossier_routing WHERE dossier_id = $1 FOR UPDATE`,
      [dossierId],
    );
    const rows: Array<{
      id: string;
      sequence: number;
      type: string;
      payload: Record<string, unknown>;
      occurred_at: Date;
    }> = await manager.query(
      `SELECT id, sequence, type, payload, occurred_at FROM dossier_event
         WHERE dossier_id = $1 AND sequence > $2 ORDER BY sequence ASC`,
      [dossierId, cursor.routed_sequence],
    );
    if (rows.length === 0) return { routedEvents: 0 };
    const context: RoutingContext = {
      manager,
      dossier: (await new DossierRepository(manager).findById(dossierId)) as DossierEntity,
      calendar: await new CalendarRepository(manager).loadCalendar(),
      finished: cursor.finished_result !== null,
    };
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

  private async routeEvent(context: RoutingContext, event: StoredEvent): Promise<void> {
    const { manager } = context;
    if (
      (event.type === 'intake-accepted' || event.type === 'routing-unblocked') &&
      !context.dossier.processDefinitionId
    ) {
      const pinned = await new ProcessDefinitionRepository(manager).latestPublished(context.dossier.procedureId);
      if (!pinned) {
        await this.append(context, event, 'routing-blocked', {
          reason: 'no published process definition for the procedure',
          procedureId: context.dossier.procedureId,
        });
        return;
      }
      await this.updateDossier(context, { processDefinitionId: pinned.id });
      await this.append(context, event, 'definition-pinned', {
        processDefinitionId: pinned.id,
        version: pinned.version,
      });
    }
    if (!context.dossier.processDefinitionId) return;
    const definition = (await new ProcessDefinitionRepository(manager).findById(
      context.dossier.processDefinitionId,
    )) as ProcessDefinitionEntity;
    const tasks = await new StepTaskRepository(manager).listForDossier(context.dossier.id);
    const routingEvent = this.routingEventOf(event, tasks);
    if (!routingEvent) return;
    const run = this.runBefore(tasks, event, routingEvent);
    let actions: RoutingAction[];
    try {
      actions = decideNextSteps(definition.document, run, routingEvent);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A completion that no longer fits the run (e.g. after a migration): logged, never retried forever.
      await this.append(context, event, 'routing-rejected', {
        eventSequence: event.sequence,
        code: error.code,
        message: error.message,
      });
      return;
    }
    const completedTask = this.taskOfEvent(event, tasks);
    if (
      routingEvent.type === 'step-completed' &&
      completedTask?.kind === 'payment' &&
      routingEvent.outcome === 'approve'
    ) {
      await this.transition(context, 'payment-received');
    }
    for (const action of actions) {
      switch (action.type) {
        case 'start-step':
          await this.startStep(context, event, definition, action, completedTask);
          break;
        case 'cancel-step':
          await this.cancelStep(context, event, action.stepId, action.attempt, action.branchKey ?? '');
          break;
        case 'await-join':
          await this.append(context, event, 'awaiting-join', {
            parallelStepId: action.parallelStepId,
            pendingBranchKeys: action.pendingBranchKeys,
          });
          break;
        case 'request-supplement':
          await this.requestSupplement(
            context,
            event,
            action.stepId,
            action.attempt,
            action.branchKey ?? '',
            completedTask,
          );
          break;
        case 'finish':
          await this.finish(context, event, definition.document, action.result);
          break;
        default: {
          const unknown: never = action;
          throw new Error(`unknown routing action ${JSON.stringify(unknown)}`);
        }
      }
    }
  }

  private routingEventOf(event: StoredEvent, tasks: StepTaskEntity[]): RoutingEvent | null {
    const branchKey =
      typeof event.payload.branchKey === 'string' && event.payload.branchKey !== ''
        ? event.payload.branchKey
        : undefined;
    switch (event.type) {
      case 'intake-accepted':
      case 'routing-unblocked': // the procedure got its first published definition after the dossier was accepted
        return tasks.length === 0 ? { type: 'dossier-accepted' } : null;
      case 'step-completed':
        return {
          type: 'step-completed',
          stepId: String(this.taskOfEvent(event, tasks)?.stepId ?? event.payload.stepId),
          outcome: event.payload.outcome as StepOutcome,
          ...(branchKey ? { branchKey } : {}),
        };
      case 'supplement-received':
        // A supplement at intake (no step) is the desk's business, not routing.
        return typeof event.payload.stepId === 'string'
          ? { type: 'supplement-received', stepId: event.payload.stepId, ...(branchKey ? { branchKey } : {}) }
          : null;
      default:
        return null;
    }
  }

  private taskOfEvent(event: StoredEvent, tasks: StepTaskEntity[]): StepTaskEntity | undefined {
    const id = event.payload.stepTaskId;
    return typeof id === 'string' ? tasks.find((task) => task.id === id) : undefined;
  }

  /** The run as recorded before `event`: completions that come later in the dossier's history count as open. */
  private runBefore(tasks: StepTaskEntity[], event: StoredEvent, routingEvent: RoutingEvent): ProcessRun {
    const completedHere = routingEvent.type === 'step-completed' ? this.taskOfEvent(event, tasks)?.id : undefined;
    const steps = tasks
      .filter((task) => task.startedEventSequence < event.sequence)
      .map((task): StepInstance => {
        const completedBefore =
          task.status === 'completed' &&
          task.id !== completedHere &&
          (task.completedEventSequence ?? 0) < event.sequence;
        const state: StepInstance['state'] =
          task.status === 'cancelled' ? 'cancelled' : completedBefore ? 'completed' : 'open';
        return {
          stepId: task.stepId,
          attempt: task.attempt,
          state,
          ...(state === 'completed' && task.outcome ? { outcome: task.outcome } : {}),
          ...(task.branchKey ? { branchKey: task.branchKey } : {}),
          ...(task.previousStepId ? { previousStepId: task.previousStepId } : {}),
        };
      });
    return { steps };
  }

  private async startStep(
    context: RoutingContext,
    event: StoredEvent,
    definition: ProcessDefinitionEntity,
    action: StartStepAction,
    from: StepTaskEntity | undefined,
  ): Promise<void> {
    const { manager, calendar, dossier } = context;
    const agency = await this.resolveAgency(context, action.agency);
    const leadAgency = action.parallel ? await this.resolveAgency(context, action.parallel.leadAgency) : null;
    const budgetMinutes = Math.round(toWorkingHours(action.budget, DEFAULT_HOURS_PER_WORKING_DAY) * 60);
    const startedAt = event.occurredAt;
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
      startedEventSequence: event.sequence,
    });
    if (!task) return; // business key exists: already started (replay)
    await appendClockEntry(manager, { dossierId: dossier.id, stepTaskId: task.id, type: 'start', at: startedAt });
    if (action.kind === 'payment') await this.transition(context, 'request-payment');
    else if (action.kind === 'delivery') {
      // The result exists once it is handed to the delivery step (README: result-ready at start, returned at finish).
      if (canTransition(context.dossier.status, 'result-ready')) {
        await this.transition(context, 'result-ready');
        await this.append(context, event, 'result-ready', { result: 'result-ready', deliveryStepId: action.stepId });
        // Processing ends with the result (the national on-time indicator's "processed"): the dossier's clock stops
        // here; delivery time runs on the delivery step's own clock (issue 12).
        const entries = await loadClockEntries(manager, dossier.id);
        if (entries.length > 0 && entries[entries.length - 1].type !== 'stop') {
          await appendClockEntry(manager, {
            dossierId: dossier.id,
            type: 'stop',
            at: startedAt,
            reason: 'result-ready',
          });
        }
      }
    } else if (dossier.status === 'received') await this.transition(context, 'start-processing');
    await this.append(context, event, 'step-started', {
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
    await writeOutbox(manager, [
      stepJob(agency.identifier, task.id, {
        dossierId: dossier.id,
        stepId: task.stepId,
        attempt: task.attempt,
        branchKey,
      }),
      // The payment service opens the step's payment request (fee assessment, expiry, gateway).
      ...(action.kind === 'payment' ? [openPaymentRequestJob(task.id)] : []),
    ]);
    if (action.subDossier) await this.spawnSubDossier(context, event, task, action.subDossier);
    // Interim (until the step-handler seam and the delivery app's queue land): the delivery opens in the routing
    // transaction; the carrier is the embedded sandbox, which writes its own store on its own connection.
    if (action.kind === 'delivery') {
      const startDelivery = new StartDeliveryUseCase(
        new SandboxPostalCarrier(
          manager.connection,
          this.config.POSTAL_WEBHOOK_SECRET,
          this.config.POSTAL_WEBHOOK_TOLERANCE_SECONDS,
        ),
      );
      const shipment = await startDelivery.prepare(manager, task.id);
      await startDelivery.start(manager, task.id, shipment, event.occurredAt);
    }
  }

  /**
   * Linked inter-agency sub-dossier (NĐ 61/2018 Art. 19: forwarded to another administrative level): a child dossier
   * received at `setting.receivingAgency` in this transaction, with its own code from that agency's counter, status
   * received, its clock started, pinned to the child procedure's latest published definition, and an
   * 'intake-accepted' event whose outbox row routes it by itself. The parent gets a 'sub-dossier-spawned' event
   * linking both. Holding the parent's row lock while inserting the child is safe: nobody else can see the new row
   * before commit (lock order between dossiers: child before parent, see `returnToParent`).
   */
  private async spawnSubDossier(
    context: RoutingContext,
    event: StoredEvent,
    task: StepTaskEntity,
    setting: SubDossierSetting,
  ): Promise<void> {
    const { manager, calendar, dossier: parent } = context;
    const procedure = await new ProcedureRepository(manager).findByCode(setting.procedureCode);
    if (!procedure || !procedure.active) {
      throw new DomainError(
        'routing.unknown-procedure',
        `Step '${task.stepId}' spawns a sub-dossier of procedure '${setting.procedureCode}', which is not an active procedure`,
        'precondition',
      );
    }
    const agency = await this.resolveAgency(context, setting.receivingAgency);
    const dossiers = new DossierRepository(manager);
    const idempotencyKey = `sub-dossier:${task.id}`;
    if (await dossiers.findByIdempotencyKey(agency.id, idempotencyKey)) return;
    const receivedAt = event.occurredAt;
    const localDate = calendar.localDateOf(receivedAt);
    const code = formatDossierCode(agency.identifier, localDate, await dossiers.nextCodeSequence(agency.id, localDate));
    // Same counting convention as a desk intake (per-procedure cut-off, NĐ 61/2018 Art. 18).
    const countingStartedAt = calendar.countingStart(receivedAt, {
      cutoff: effectiveCutoffTime(procedure.cutoffTime, getRuleSet(procedure.ruleSetId)),
    });
    const appointmentAt = calendar.addWorkingMinutes(countingStartedAt, procedure.legalTimeMinutes);
    const pinned = await new ProcessDefinitionRepository(manager).latestPublished(procedure.id);
    const status = nextStatus(INITIAL_DOSSIER_STATUS, 'accept');
    const id = randomUUID();
    await dossiers.insertDossier({
      id,
      code,
      procedureId: procedure.id,
      receivingAgencyId: agency.id,
      channel: parent.channel,
      status,
      applicant: parent.applicant,
      applicantName: parent.applicantName,
      documents: parent.documents,
      numberOfSets: parent.numberOfSets,
      receivedAt,
      countingStartedAt,
      appointmentAt,
      originalAppointmentAt: appointmentAt,
      legalTimeMinutes: procedure.legalTimeMinutes,
      ruleSetId: getRuleSet(procedure.ruleSetId).id,
      supplementItems: null,
      refusalReason: null,
      lookupSecretHash: hashLookupSecret(deriveLookupSecret(this.config.LOOKUP_SECRET_KEY, id)),
      idempotencyKey,
      parentDossierId: parent.id,
      processDefinitionId: pinned?.id ?? null,
      createdByUserId: null,
    });
    await appendClockEntry(manager, { dossierId: id, type: 'start', at: countingStartedAt });
    await appendDossierEvent(manager, {
      dossierId: id,
      type: 'intake-accepted',
      payload: {
        code,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        channel: parent.channel,
        status,
        receivedAt: receivedAt.toISOString(),
        documents: parent.documents,
        countingStartedAt: countingStartedAt.toISOString(),
        appointmentAt: appointmentAt.toISOString(),
        legalTimeMinutes: procedure.legalTimeMinutes,
        cutoffTime: procedure.cutoffTime,
        parentDossierId: parent.id,
        parentDossierCode: parent.code,
        spawnedByStepTaskId: task.id,
        spawnedByStepId: task.stepId,
        processDefinitionId: pinned?.id ?? null,
        processDefinitionVersion: pinned?.version ?? null,
      },
      actor: null,
      occurredAt: receivedAt,
    });
    await this.append(context, event, 'sub-dossier-spawned', {
      stepTaskId: task.id,
      stepId: task.stepId,
      childDossierId: id,
      childDossierCode: code,
      procedureCode: procedure.code,
      receivingAgencyId: agency.id,
      receivingAgencyIdentifier: agency.identifier,
    });
  }

  /**
   * A sub-dossier's run finished: its result goes back to the desk that received the parent (the child becomes
   * 'returned' when its result was ready), the parent records 'sub-dossier-finished', and the spawning step is
   * completed with 'approve' (result) or 'refuse' (refused) as the system, whose 'step-completed' event routes the
   * parent on. Runs in the child's routing transaction: child row lock first, then the parent's (the parent's
   * routing never locks an existing child, so the two orders cannot cross).
   */
  private async returnToParent(
    context: RoutingContext,
    event: StoredEvent,
    result: 'result-ready' | 'refused',
  ): Promise<void> {
    const { manager } = context;
    const child = context.dossier;
    const parentId = child.parentDossierId as string;
    const [link]: Array<{ step_task_id: string }> = await manager.query(
      `SELECT payload->>'stepTaskId' AS step_task_id FROM dossier_event
       WHERE dossier_id = $1 AND type = 'sub-dossier-spawned' AND payload->>'childDossierId' = $2 LIMIT 1`,
      [parentId, child.id],
    );
    if (!link) return; // a dossier registered with a parent link by hand: no step waits for it
    const [parent]: Array<{ id: string; code: string; receiving_agency_id: string }> = await manager.query(
      `SELECT id, code, receiving_agency_id FROM dossier WHERE id = $1 FOR UPDATE`,
      [parentId],
    );
    if (result === 'result-ready' && child.status === 'result-ready') {
      await this.transition(context, 'return-result');
      await this.append(context, event, 'result-returned', {
        result,
        returnedTo: 'parent-desk',
        parentDossierId: parent.id,
        parentDossierCode: parent.code,
        deskAgencyId: parent.receiving_agency_id,
      });
    }
    const task = await new StepTaskRepository(manager).findById(link.step_task_id);
    await appendDossierEvent(manager, {
      dossierId: parent.id,
      type: 'sub-dossier-finished',
      payload: {
        stepTaskId: link.step_task_id,
        stepId: task?.stepId ?? null,
        childDossierId: child.id,
        childDossierCode: child.code,
        result,
        childStatus: child.status,
        resultReturnedToAgencyId: parent.receiving_agency_id,
      },
      actor: null,
      occurredAt: event.occurredAt,
    });
    if (!task || (task.status !== 'open' && task.status !== 'claimed')) return; // cancelled meanwhile (e.g. a refusal elsewhere)
    await completeStepTask(manager, {
      stepTaskId: task.id,
      agencyId: null,
      outcome: result === 'refused' ? 'refuse' : 'approve',
      comment: `Sub-dossier ${child.code}: ${result}`,
      actor: null,
      now: event.occurredAt,
      calendar: context.calendar,
    });
  }

  private async cancelStep(
    context: RoutingContext,
    event: StoredEvent,
    stepId: string,
    attempt: number,
    branchKey: string,
  ): Promise<void> {
    const cancelled = await new StepTaskRepository(context.manager).cancelPending(
      context.dossier.id,
      stepId,
      attempt,
      branchKey,
      event.occurredAt,
    );
    if (!cancelled) return;
    const entries = await loadClockEntries(context.manager, context.dossier.id, cancelled.id);
    if (entries.length > 0 && entries[entries.length - 1].type !== 'stop') {
      await appendClockEntry(context.manager, {
        dossierId: context.dossier.id,
        stepTaskId: cancelled.id,
        type: 'stop',
        at: event.occurredAt,
      });
    }
    await this.append(context, event, 'step-cancelled', { stepTaskId: cancelled.id, stepId, attempt, branchKey });
  }

  private async requestSupplement(
    context: RoutingContext,
    event: StoredEvent,
    stepId: string,
    attempt: number,
    branchKey: string,
    task: StepTaskEntity | undefined,
  ): Promise<void> {
    await this.transition(context, 'request-supplement');
    const entries = await loadClockEntries(context.manager, context.dossier.id);
    const last = entries[entries.length - 1];
    if (last && (last.type === 'start' || last.type === 'resume' || last.type === 'extend')) {
      // The applicant's time (NĐ 61/2018 Art. 16); the rule set decides restart vs pause on resume.
      await appendClockEntry(context.manager, {
        dossierId: context.dossier.id,
        type: 'pause',
        at: event.occurredAt,
        reason: SUPPLEMENT_PAUSE_REASON,
        party: 'applicant',
      });
    }
    await this.append(context, event, 'supplement-requested', {
      stepTaskId: task?.id ?? null,
      stepId,
      attempt,
      branchKey,
      comment: task?.comment ?? null,
    });
  }

  private async finish(
    context: RoutingContext,
    event: StoredEvent,
    definition: ProcessDefinitionDocument,
    result: 'result-ready' | 'refused',
  ): Promise<void> {
    const { manager, dossier } = context;
    let type: string;
    if (result === 'refused') {
      await this.transition(context, 'refuse');
      type = 'refused';
    } else if (dossier.status === 'result-ready') {
      // The definition's delivery step made the result ready when it started; finishing it returns the result.
      await this.transition(context, 'return-result');
      type = 'result-returned';
    } else {
      await this.transition(context, 'result-ready');
      type = 'result-ready';
    }
    const entries = await loadClockEntries(manager, dossier.id);
    if (entries.length > 0 && entries[entries.length - 1].type !== 'stop') {
      await appendClockEntry(manager, { dossierId: dossier.id, type: 'stop', at: event.occurredAt, reason: result });
    }
    await manager.query(`UPDATE dossier_routing SET finished_result = $2, finished_at = $3 WHERE dossier_id = $1`, [
      dossier.id,
      result,
      event.occurredAt,
    ]);
    context.finished = true;
    await this.append(context, event, type, {
      result,
      status: dossier.status,
      procedureCode: definition.procedureCode,
    });
    if (context.dossier.parentDossierId) await this.returnToParent(context, event, result);
  }

  private async resolveAgency(
    context: RoutingContext,
    reference: AgencyReference,
  ): Promise<{ id: string; identifier: string }> {
    const rows: Array<{ id: string; identifier: string }> =
      'code' in reference
        ? await context.manager.query(`SELECT id, identifier FROM agency WHERE identifier = $1`, [reference.code])
        : await context.manager.query(`SELECT id, identifier FROM agency WHERE id = $1`, [
            context.dossier.receivingAgencyId,
          ]);
    if (rows.length === 0) {
      throw new DomainError(
        'routing.unknown-agency',
        `No agency with identifier '${'code' in reference ? reference.code : '?'}'`,
        'precondition',
      );
    }
    return rows[0];
  }

  /** Moves the dossier through the domain state machine (skips a transition that is not allowed, e.g. replays). */
  private async transition(context: RoutingContext, dossierEvent: DossierEvent): Promise<void> {
    if (!canTransition(context.dossier.status, dossierEvent)) return;
    await this.updateDossier(context, { status: nextStatus(context.dossier.status, dossierEvent) });
  }

  private async updateDossier(
    context: RoutingContext,
    patch: Partial<Pick<DossierEntity, 'status' | 'processDefinitionId'>>,
  ): Promise<void> {
    const updated = await new DossierRepository(context.manager).updateIfVersion(
      context.dossier.id,
      context.dossier.version,
      patch,
    );
    if (!updated) throw new Error(`dossier ${context.dossier.id} changed under the routing lock`);
    context.dossier = { ...context.dossier, ...patch, version: context.dossier.version + 1 } as DossierEntity;
  }

  private async append(
    context: RoutingContext,
    cause: StoredEvent,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await appendDossierEvent(context.manager, {
      dossierId: context.dossier.id,
      type,
      payload: { ...payload, causedBySequence: cause.sequence, status: context.dossier.status },
      actor: null,
      occurredAt: cause.occurredAt,
    });
  }
}
