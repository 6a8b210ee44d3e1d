import {
  admitSupplementRequest,
  getRuleSet,
  supplementRequestTiming,
  checkDossierOpenForSteps,
  checkStepCompletable,
  checkStepOutcome,
  classifyStepByClock,
  computeClockState,
  StepOutcome,
  WorkingCalendar,
} from '@motcua/domain';
import type { SupplementRequestTiming } from '@motcua/domain';
import {
  CalendarRepository,
  DossierEventActor,
  lockAndReadDossierOfStepTask,
  ProcessDefinitionRepository,
  StepTaskEntity,
  stepTaskConflict,
  stepTaskNotFound,
  StepTaskRepository,
} from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { readClockFacts, stopClockIfRunning } from '../clock/record-clock-entry.use-case';
import { EntityManager } from 'typeorm';

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
 * on time / late against the step's own clock (`classifyStepByClock`), and appends the
 * 'step-completed' event whose outbox row makes the workflow route the next step. Caller's transaction.
 */
export async function completeStepTask(manager: EntityManager, input: CompleteStepTaskInput): Promise<StepTaskEntity> {
  const tasks = new StepTaskRepository(manager);
  // Lock order everywhere: dossier row first, then step rows (routing does the same). One round trip finds the
  // step's dossier in the actor's scope (another agency's step is not found), locks it, reads it as it is under
  // the lock, and reads the head of its event chain for the append below (a hint the append verifies).
  const dossier = await lockAndReadDossierOfStepTask(manager, input.stepTaskId, input.agencyId);
  if (!dossier) throw stepTaskNotFound(input.stepTaskId);
  const task = (await tasks.findById(input.stepTaskId)) as StepTaskEntity;
  checkDossierOpenForSteps(dossier, task.stepId);
  const expectedVersion = checkStepCompletable(task, {
    expectedVersion: input.expectedVersion,
    actorUserId: input.actor?.userId,
    mayOverrideAssignee: input.mayOverrideAssignee,
  });
  const definition = dossier?.processDefinitionId
    ? await new ProcessDefinitionRepository(manager).findPinned(dossier.processDefinitionId)
    : null;
  checkStepOutcome({
    stepId: task.stepId,
    step: definition?.document.steps.find((candidate) => candidate.id === task.stepId),
    outcome: input.outcome,
    byPerson: input.actor !== null,
    supplementRequestsSoFar:
      input.outcome === 'request-supplement' ? await tasks.countSupplementRequests(task.dossierId) : 0,
    maxSupplementRequests: dossier ? getRuleSet(dossier.ruleSetId).maxSupplementRequestsPerDossier : undefined,
  });

  // The step clock's ledger, thresholds, armed version and the calendar revision in one read, reused to stop it.
  const clockFacts = await readClockFacts(manager, { dossierId: task.dossierId, stepTaskId: task.id });
  const calendar =
    input.calendar ?? (await new CalendarRepository(manager).loadCalendar({}, clockFacts?.calendarRevision));
  // NĐ 61/2018: a supplement is asked for within N working days of the agency receiving the dossier (its step's
  // hand-over); the rule set says whether a later request is refused or admitted as the agency's fault.
  let supplementRequest: (SupplementRequestTiming & { faultAgencyId: string | null }) | null = null;
  if (input.outcome === 'request-supplement' && dossier) {
    const ruleSet = getRuleSet(dossier.ruleSetId);
    const timing = admitSupplementRequest(
      ruleSet.lateSupplementRequest,
      supplementRequestTiming(task.startedAt, input.now, calendar, ruleSet.supplementRequestWithinWorkingDays),
      ruleSet.supplementRequestWithinWorkingDays,
    );
    supplementRequest = { ...timing, faultAgencyId: timing.late ? task.agencyId : null };
  }
  const clock = computeClockState(clockFacts?.entries ?? [], {
    budgetMinutes: task.budgetMinutes,
    calendar,
    supplementClock: 'pause',
    now: input.now,
  });
  const onTimeClass = classifyStepByClock({ end: input.now, deadline: clock.deadline ?? task.deadlineAt });

  const updated = await tasks.completeIf(task.id, ['open', 'claimed'], expectedVersion, {
    status: 'completed',
    outcome: input.outcome,
    comment: input.comment ?? null,
    completed_at: input.now,
    on_time_class: onTimeClass,
  });
  if (!updated) throw stepTaskConflict(`Step '${task.stepId}' was completed or changed by someone else`);
  // Stopping the step's clock disarms its timers in this transaction (the one arming path); a step clock whose
  // counting start is still ahead (started after the cut-off) stops too, at its start
  // (also when another process's clock ran ahead: issue 17's fault suite).
  await stopClockIfRunning(
    manager,
    { dossierId: task.dossierId, stepTaskId: task.id, at: input.now, actorUserId: input.actor?.userId ?? null },
    input.now,
    { facts: clockFacts },
  );
  const event = await appendDossierEvent(
    manager,
    {
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
        ...(supplementRequest
          ? {
              supplementRequest: {
                dueBy: supplementRequest.dueBy.toISOString(),
                late: supplementRequest.late,
                workingMinutesLate: supplementRequest.workingMinutesLate,
                faultAgencyId: supplementRequest.faultAgencyId,
              },
            }
          : {}),
      },
      actor: input.actor,
      occurredAt: input.now,
    },
    { dossierLocked: true },
  );
  // completeIf set the sequence the event was to get; only an append in between (none today) makes it differ.
  if (updated.completedEventSequence !== event.sequence) await tasks.setCompletedEventSequence(task.id, event.sequence);
  return { ...updated, completedEventSequence: event.sequence };
}
