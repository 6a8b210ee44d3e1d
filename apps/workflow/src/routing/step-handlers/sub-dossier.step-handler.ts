import { DomainError, DossierStatus, isFinalDossierStatus, SubDossierSetting } from '@motcua/domain';
import { completeStepTask, receiveDossier } from '@motcua/application';
import {
  DossierRepository,
  lockDossierRow,
  ProcedureRepository,
  ProcessDefinitionRepository,
  StepTaskEntity,
  StepTaskRepository,
} from '@motcua/persistence';
import { appendDossierEvent, writeOutbox } from '@motcua/platform';
import { outboxJob, WORKFLOW_QUEUE } from '@motcua/queues';
import { RoutingContext, StoredEvent } from '../routing-context';
import { dispatchToAgencyQueue } from './agency-queue.dispatch';
import { StepHandler } from './step-handler';

/**
 * A task step whose definition has a `subDossier` setting: besides the task in the agency's inbox, a linked child
 * dossier is received at another agency; the child's result completes this step (see `returnToParent`). Cancelling
 * the step (the parent ended) wakes the child's router, which stops the child (see `endLinkedSubDossier`).
 */
export function subDossierStepHandler(lookupSecretKey: string): StepHandler {
  return {
    kind: 'sub-dossier',
    clockEffect: 'agency-time',
    async beforeStarted(context) {
      if (context.dossier.status === 'received') await context.transition('start-processing');
    },
    async start(context, run) {
      await dispatchToAgencyQueue(context, run);
      if (run.action.subDossier)
        await spawnSubDossier(context, run.cause, run.task, run.action.subDossier, lookupSecretKey);
    },
    async cancel(context, task, cause) {
      // The child is locked only by its own router (lock order child → parent): wake it instead of locking it here.
      const children: Array<{ child_id: string }> = await context.manager.query(
        `SELECT payload->>'childDossierId' AS child_id FROM dossier_event
         WHERE dossier_id = $1 AND type = 'sub-dossier-spawned' AND payload->>'stepTaskId' = $2`,
        [context.dossier.id, task.id],
      );
      await writeOutbox(
        context.manager,
        children.map(({ child_id }) =>
          outboxJob(
            WORKFLOW_QUEUE,
            'dossier-event.v1',
            { dossierId: child_id, eventId: cause.id, eventType: 'parent-ended' },
            { dedupeKey: `parent-ended-${child_id}` },
          ),
        ),
      );
    },
  };
}

/**
 * In the child's routing transaction (child locked): a linked sub-dossier whose parent has ended (withdrawn, refused,
 * stopped) while the child is still open is stopped too. Returns whether it stopped the child.
 */
export async function endLinkedSubDossier(context: RoutingContext, now: Date): Promise<boolean> {
  const parentId = context.dossier.parentDossierId;
  if (!parentId || isFinalDossierStatus(context.dossier.status)) return false;
  const [parent]: Array<{ status: string; code: string }> = await context.manager.query(
    `SELECT status, code FROM dossier WHERE id = $1`,
    [parentId],
  );
  if (!parent || !isFinalDossierStatus(parent.status as DossierStatus)) return false;
  const from = context.dossier.status;
  await context.transition('stop');
  if (context.dossier.status === from) return false; // 'stop' not allowed from here
  await appendDossierEvent(context.manager, {
    dossierId: context.dossier.id,
    type: 'stopped',
    payload: { from, status: context.dossier.status, reason: `parent dossier ${parent.code} ${parent.status}` },
    actor: null,
    occurredAt: now,
  });
  return true;
}

/**
 * Linked inter-agency sub-dossier (NĐ 61/2018 Art. 19: forwarded to another administrative level): a child dossier
 * received at `setting.receivingAgency` in this transaction through `receiveDossier` (the core of intake: code from
 * that agency's counter, counting start, appointment, lookup secret, clock started, 'intake-accepted' whose outbox
 * row routes it by itself), pinned to the child procedure's latest published definition. The parent gets a 'sub-dossier-spawned' event
 * linking both. Holding the parent's row lock while inserting the child is safe: nobody else can see the new row
 * before commit (lock order between dossiers: child before parent, see `returnToParent`).
 */
async function spawnSubDossier(
  context: RoutingContext,
  event: StoredEvent,
  task: StepTaskEntity,
  setting: SubDossierSetting,
  lookupSecretKey: string,
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
  const agency = await context.resolveAgency(setting.receivingAgency);
  const idempotencyKey = `sub-dossier:${task.id}`;
  if (await new DossierRepository(manager).findByIdempotencyKey(agency.id, idempotencyKey)) return;
  const pinned = await new ProcessDefinitionRepository(manager).latestPublished(procedure.id);
  // Received like a desk intake (the one intake core): same counting start and cut-off, appointment, lookup secret,
  // code from the agency's counter, clock started and timers armed, 'intake-accepted' — in this routing transaction.
  const child = await receiveDossier(manager, {
    agency,
    procedure,
    calendar,
    channel: parent.channel,
    outcome: 'accept',
    receivedAt: event.occurredAt,
    now: event.occurredAt,
    applicant: parent.applicant,
    documents: parent.documents,
    numberOfSets: parent.numberOfSets,
    supplementItems: null,
    refusalReason: null,
    // The result goes back to the parent's desk (returnToParent), not to the applicant.
    returnChannel: null,
    idempotencyKey,
    requestFingerprint: null,
    parentDossierId: parent.id,
    processDefinitionId: pinned?.id ?? null,
    actor: null,
    lookupSecretKey,
    eventPayload: {
      parentDossierId: parent.id,
      parentDossierCode: parent.code,
      spawnedByStepTaskId: task.id,
      spawnedByStepId: task.stepId,
      processDefinitionId: pinned?.id ?? null,
      processDefinitionVersion: pinned?.version ?? null,
    },
  });
  await context.append(event, 'sub-dossier-spawned', {
    stepTaskId: task.id,
    stepId: task.stepId,
    childDossierId: child.id,
    childDossierCode: child.code,
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
export async function returnToParent(
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
  await lockDossierRow(manager, parentId);
  const [parent]: Array<{ id: string; code: string; receiving_agency_id: string }> = await manager.query(
    `SELECT id, code, receiving_agency_id FROM dossier WHERE id = $1`,
    [parentId],
  );
  if (result === 'result-ready' && child.status === 'result-ready') {
    await context.transition('return-result');
    await context.append(event, 'result-returned', {
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
