import { SandboxAgencyConnector } from '@motcua/integrations';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import type { TestServices } from '../support/test-services';
import type { SeededCatalog } from '../dossier/support/catalog-fixture';
import type { WorkflowHttp } from './support/workflow-fixture';
import {
  DISTRICT_DESK,
  TAX,
  LAND_CERTIFICATE,
  LAND_TRANSFER,
  BUILDING_PERMIT,
  COMMUNE_DESK,
  SOCIAL_ALLOWANCE,
  HOUSEHOLD_BUSINESS,
  startWorkflowWorld,
} from './support/workflow-world';

describe('workflow engine over HTTP (issue 5): races, connectors, assignment, sub-dossiers', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let supervisor: Actor;
  let districtDesk: Actor;
  const officer = (identifier: string) => catalog.actor(identifier, 'agency_officer');

  beforeAll(async () => {
    ({ services, catalog, api, admin, supervisor, districtDesk } = await startWorkflowWorld());
  });

  afterAll(async () => {
    await services?.close();
  });

  it('(4) 50 parallel completions of the same step: exactly one succeeds, the others get 409', async () => {
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const step = await api.openStep(districtDesk, dossier.id, 'desk');
    const officers = Array.from({ length: 50 }, () => catalog.actor(DISTRICT_DESK, 'desk_officer'));
    const headers: Array<{ Authorization: string }> = [];
    for (const actor of officers) headers.push(await api.auth(actor));
    const responses = await Promise.all(
      officers.map((actor, index) => api.complete(actor, step.id, 'approve', `by ${actor.userId}`, headers[index])),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    await services.waitUntilIdle();
    const events = await api.eventTypes(dossier.id);
    expect(events.filter((type) => type === 'step-completed')).toHaveLength(1);
    const [{ n }] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM step_task WHERE dossier_id = $1 AND step_id <> 'desk'`,
      [dossier.id],
    );
    expect(n).toBe(1);
    // A step of another agency is not found.
    await api
      .http()
      .post(`/inbox/steps/${step.id}/complete`)
      .set(await api.auth(officer(TAX)))
      .send({ outcome: 'approve' })
      .expect(404);
  });

  it('(5) a failing connector is retried with backoff, dead-lettered after N attempts, visible to supervisors; a manual retry resumes the dossier', async () => {
    const procedureId = catalog.procedures.get(LAND_TRANSFER)!.id;
    await api.publishDefinition(admin, procedureId, {
      procedureCode: LAND_TRANSFER,
      legalTime: { workingDays: 10 },
      handover: 'electronic',
      start: 'desk',
      steps: [
        {
          id: 'desk',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: 'tax' },
        },
        {
          id: 'tax',
          kind: 'connector',
          connector: 'tax-transfer-levy',
          maxAttempts: 3,
          agency: { code: TAX },
          budget: { workingDays: 2 },
          transitions: { approve: 'return-result' },
        },
        {
          id: 'return-result',
          kind: 'delivery',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: '@end:result-ready' },
        },
      ],
    });
    const connector = services.workflow.get(SandboxAgencyConnector);
    connector.configure({ failurePercent: 100 });
    const callsBefore = connector.calls;
    const [{ docs }] = await services.dataSource.query(
      `SELECT required_documents AS docs FROM procedure WHERE id = $1`,
      [procedureId],
    );
    const mandatory = (docs as Array<{ code: string; mandatory: boolean }>)
      .filter((doc) => doc.mandatory)
      .map((doc) => doc.code);
    const dossier = await api.accept(districtDesk, procedureId, mandatory);
    await services.waitUntilIdle();
    await api.completeOpen(districtDesk, dossier.id, 'desk');

    expect(connector.calls - callsBefore).toBe(3);
    const [task] = await services.dataSource.query(
      `SELECT id, status, connector_attempts, last_error FROM step_task WHERE dossier_id = $1 AND step_id = 'tax'`,
      [dossier.id],
    );
    expect(task).toMatchObject({ status: 'dead-letter', connector_attempts: 3 });
    const deadLetters = await api
      .http()
      .get('/supervision/dead-letters')
      .set(await api.auth(supervisor))
      .expect(200);
    expect(deadLetters.body.items.map((row: { id: string }) => row.id)).toContain(task.id);
    // Outside the supervisor's subtree it is not visible; officers may not use the supervision view.
    const otherSupervisor = catalog.actor('000.00.13.H62', 'supervisor');
    const hidden = await api
      .http()
      .get('/supervision/dead-letters')
      .set(await api.auth(otherSupervisor))
      .expect(200);
    expect(hidden.body.items.map((row: { id: string }) => row.id)).not.toContain(task.id);
    await api
      .http()
      .post(`/supervision/dead-letters/${task.id}/retry`)
      .set(await api.auth(otherSupervisor))
      .expect(404);

    connector.configure({ failurePercent: 0 });
    await api
      .http()
      .post(`/supervision/dead-letters/${task.id}/retry`)
      .set(await api.auth(supervisor))
      .expect(200);
    await services.waitUntilIdle();
    expect(await api.dossierStatus(dossier.id)).toBe('result-ready');
    const events = await api.eventTypes(dossier.id);
    expect(events).toEqual(expect.arrayContaining(['step-dead-lettered', 'step-retry-requested', 'step-completed']));
    const afterRetry = await api
      .http()
      .get('/supervision/dead-letters')
      .set(await api.auth(supervisor))
      .expect(200);
    expect(afterRetry.body.items.map((row: { id: string }) => row.id)).not.toContain(task.id);
  });

  it('(6) a dossier accepted before its procedure had a published definition is routed once one is published', async () => {
    const procedureId = catalog.procedures.get(BUILDING_PERMIT)!.id;
    const [{ docs }] = await services.dataSource.query(
      `SELECT required_documents AS docs FROM procedure WHERE id = $1`,
      [procedureId],
    );
    const mandatory = (docs as Array<{ code: string; mandatory: boolean }>)
      .filter((doc) => doc.mandatory)
      .map((doc) => doc.code);
    const dossier = await api.accept(districtDesk, procedureId, mandatory);
    await services.waitUntilIdle();
    expect(await api.eventTypes(dossier.id)).toContain('routing-blocked');
    expect(await api.dossierStatus(dossier.id)).toBe('received');

    await api.publishDefinition(admin, procedureId, {
      procedureCode: BUILDING_PERMIT,
      legalTime: { workingDays: 15 },
      handover: 'electronic',
      start: 'desk',
      steps: [
        {
          id: 'desk',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: 'return-result' },
        },
        {
          id: 'return-result',
          kind: 'delivery',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: '@end:result-ready' },
        },
      ],
    });
    await services.waitUntilIdle();
    const events = await api.eventTypes(dossier.id);
    expect(events).toEqual(expect.arrayContaining(['routing-unblocked', 'definition-pinned', 'step-started']));
    expect(events.filter((type) => type === 'step-started')).toHaveLength(1);
    expect((await api.openStep(districtDesk, dossier.id)).stepId).toBe('desk');
  });

  it("(7) assignment and bulk reassignment accept only an active agency_officer/agency_lead of the step's agency", async () => {
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const step = await api.openStep(districtDesk, dossier.id, 'desk');
    const lead = catalog.actor(DISTRICT_DESK, 'agency_lead');
    const leadHeader = await api.auth(lead);
    const assign = (userId: string) =>
      api.http().post(`/inbox/steps/${step.id}/assign`).set(leadHeader).send({ userId });
    const withAccount = async (actor: Actor) => {
      await api.auth(actor); // creates the account
      return actor.userId;
    };

    const unknown = await assign('00000000-0000-4000-8000-000000000001');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/^userId: no user/);
    const otherAgency = await assign(await withAccount(officer(TAX)));
    expect(otherAgency.status).toBe(400);
    expect(otherAgency.body.message).toMatch(/userId: .* does not belong to the step's agency/);
    const wrongRole = await assign(await withAccount(catalog.actor(DISTRICT_DESK, 'desk_officer')));
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.message).toMatch(/userId: .* has none of the roles agency_officer, agency_lead/);
    const inactiveOfficer = catalog.actor(DISTRICT_DESK, 'agency_officer');
    await withAccount(inactiveOfficer);
    await services.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [inactiveOfficer.userId]);
    const inactive = await assign(inactiveOfficer.userId);
    expect(inactive.status).toBe(400);
    expect(inactive.body.message).toMatch(/userId: .* is not active/);
    const [untouched] = await services.dataSource.query(
      `SELECT status, assigned_user_id FROM step_task WHERE id = $1`,
      [step.id],
    );
    expect(untouched).toEqual({ status: 'open', assigned_user_id: null });

    const good = await withAccount(catalog.actor(DISTRICT_DESK, 'agency_officer'));
    const assigned = await assign(good);
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedUserId).toBe(good);

    // Bulk reassignment goes through the same checks, one result per step.
    const bad = await api
      .http()
      .post('/inbox/steps/bulk-reassign')
      .set(leadHeader)
      .send({ stepTaskIds: [step.id], userId: await withAccount(officer(TAX)) })
      .expect(200);
    expect(bad.body).toEqual([
      {
        id: step.id,
        ok: false,
        status: 400,
        error: expect.stringMatching(/^userId: .* does not belong to the step's agency/),
      },
    ]);
    const missing = await api
      .http()
      .post('/inbox/steps/bulk-reassign')
      .set(leadHeader)
      .send({ stepTaskIds: [step.id], userId: '00000000-0000-4000-8000-000000000002' })
      .expect(200);
    expect(missing.body).toEqual([
      { id: step.id, ok: false, status: 404, error: expect.stringMatching(/^userId: no user/) },
    ]);
    const lead2 = await withAccount(catalog.actor(DISTRICT_DESK, 'agency_lead'));
    const ok = await api
      .http()
      .post('/inbox/steps/bulk-reassign')
      .set(leadHeader)
      .send({ stepTaskIds: [step.id], userId: lead2 })
      .expect(200);
    expect(ok.body).toEqual([{ id: step.id, ok: true }]);
    const [reassigned] = await services.dataSource.query(`SELECT assigned_user_id FROM step_task WHERE id = $1`, [
      step.id,
    ]);
    expect(reassigned.assigned_user_id).toBe(lead2);
  });

  it('(8) a step spawns a linked sub-dossier at the district; the child runs its own steps; the parent continues to its result; counted once', async () => {
    await api.setClock(admin, '2027-12-13T08:00:00+07:00'); // Monday
    const parentProcedureId = catalog.procedures.get(SOCIAL_ALLOWANCE)!.id;
    const childProcedureId = catalog.procedures.get(HOUSEHOLD_BUSINESS)!.id;
    const communeDesk = catalog.actor(COMMUNE_DESK, 'desk_officer');
    const spawning = (subDossier: unknown) => ({
      procedureCode: SOCIAL_ALLOWANCE,
      legalTime: { workingDays: 22 },
      handover: 'electronic',
      start: 'desk',
      steps: [
        {
          id: 'desk',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: 'district-decision' },
        },
        {
          id: 'district-decision',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingDays: 15 },
          subDossier,
          transitions: { approve: 'return-result', refuse: '@end:refused' },
        },
        {
          id: 'return-result',
          kind: 'delivery',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: '@end:result-ready' },
        },
      ],
    });
    // Malformed settings are refused with a message naming the field.
    const malformed = await api
      .http()
      .post('/process-definitions')
      .set(await api.auth(admin))
      .send({ procedureId: parentProcedureId, document: spawning({ procedureCode: HOUSEHOLD_BUSINESS }) })
      .expect(400);
    expect(malformed.body.message).toMatch(
      /step 'district-decision' subDossier.receivingAgency must be \{ code: '<agency code>' \}/,
    );
    const unknown = await api
      .http()
      .post('/process-definitions')
      .set(await api.auth(admin))
      .send({
        procedureId: parentProcedureId,
        document: spawning({ procedureCode: '9.999999', receivingAgency: { code: DISTRICT_DESK } }),
      })
      .expect(400);
    expect(unknown.body.message).toMatch(/subDossier procedure '9.999999' is not an active procedure/);

    await api.publishDefinition(
      admin,
      parentProcedureId,
      spawning({ procedureCode: HOUSEHOLD_BUSINESS, receivingAgency: { code: DISTRICT_DESK } }),
    );
    const childDefinition = await api.publishDefinition(admin, childProcedureId, {
      procedureCode: HOUSEHOLD_BUSINESS,
      legalTime: { workingDays: 3 },
      handover: 'electronic',
      start: 'desk',
      steps: [
        {
          id: 'desk',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: 'appraisal' },
        },
        {
          id: 'appraisal',
          kind: 'task',
          agency: { code: DISTRICT_DESK },
          budget: { workingDays: 2 },
          transitions: { approve: '@end:result-ready', refuse: '@end:refused' },
        },
      ],
    });

    const startParent = async () => {
      const parent = await api.accept(communeDesk, parentProcedureId, ['TK']);
      await services.waitUntilIdle();
      await api.completeOpen(communeDesk, parent.id, 'desk');
      const view = await api
        .http()
        .get(`/dossiers/${parent.id}`)
        .set(await api.auth(communeDesk))
        .expect(200);
      expect(view.body.parentDossierId).toBeNull();
      expect(view.body.childDossierIds).toHaveLength(1);
      return { parent, childId: view.body.childDossierIds[0] as string };
    };
    const { parent, childId } = await startParent();

    // The child: its own code at the district desk, received, pinned to its procedure's definition, routed by itself.
    const child = await api
      .http()
      .get(`/dossiers/${childId}`)
      .set(await api.auth(districtDesk))
      .expect(200);
    expect(child.body).toMatchObject({
      parentDossierId: parent.id,
      procedureId: childProcedureId,
      childDossierIds: [],
      status: 'processing',
    });
    expect(child.body.code).toMatch(/^000\.00\.12\.H62-271213-\d{4}$/);
    const [pin] = await services.dataSource.query(`SELECT process_definition_id FROM dossier WHERE id = $1`, [childId]);
    expect(pin.process_definition_id).toBe(childDefinition.id);
    const [clockStart] = await services.dataSource.query(
      `SELECT type FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL ORDER BY at LIMIT 1`,
      [childId],
    );
    expect(clockStart.type).toBe('start');
    expect(await api.eventTypes(childId)).toEqual(expect.arrayContaining(['intake-accepted', 'step-started']));
    expect(await api.eventTypes(parent.id)).toContain('sub-dossier-spawned');
    // Received through the intake core (receiveDossier) in the parent's routing transaction: the child's intake event
    // and clock start were written by the transaction that started the parent's step and linked the child.
    const writers: Array<{ what: string; xid: string }> = await services.dataSource.query(
      `SELECT 'child intake' AS what, xmin::text AS xid FROM dossier_event WHERE dossier_id = $1 AND type = 'intake-accepted'
       UNION ALL SELECT 'child clock start', xmin::text FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL AND type = 'start'
       UNION ALL SELECT 'parent link', xmin::text FROM dossier_event WHERE dossier_id = $2 AND type = 'sub-dossier-spawned'
       UNION ALL SELECT 'parent step start', e.xmin::text FROM dossier_event e JOIN step_task s ON s.id::text = e.payload->>'stepTaskId'
         WHERE e.dossier_id = $2 AND e.type = 'step-started' AND s.step_id = 'district-decision'`,
      [childId, parent.id],
    );
    expect(writers.map(({ what }) => what).sort()).toEqual([
      'child clock start',
      'child intake',
      'parent link',
      'parent step start',
    ]);
    expect(new Set(writers.map(({ xid }) => xid)).size).toBe(1);
    const [intake] = await services.dataSource.query(
      `SELECT e.payload, d.appointment_at, d.counting_started_at, d.lookup_secret_hash
       FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE e.dossier_id = $1 AND e.type = 'intake-accepted'`,
      [childId],
    );
    expect(intake.payload).toMatchObject({
      code: child.body.code,
      parentDossierId: parent.id,
      spawnedByStepId: 'district-decision',
      appointmentAt: new Date(intake.appointment_at).toISOString(),
      countingStartedAt: new Date(intake.counting_started_at).toISOString(),
    });
    expect(intake.lookup_secret_hash).toMatch(/\S{32,}/);
    // The commune desk cannot complete the waiting step by hand.
    const waiting = await api.openStep(communeDesk, parent.id, 'district-decision');
    const byHand = await api.complete(communeDesk, waiting.id, 'approve');
    expect(byHand.status).toBe(422);
    expect(byHand.body.message).toMatch(/waits for its sub-dossier/);

    // Statistics: once both are late, the late list counts the citizen's dossier (the parent) once, never the child.
    await api.advance(admin, { days: 40 });
    await services.waitUntilIdle();
    const late = async (procedureId: string) =>
      (
        await api
          .http()
          .get('/supervision/late-dossiers')
          .query({ procedureId, limit: 100 })
          .set(await api.auth(supervisor))
          .expect(200)
      ).body.items.map((item: { dossierId: string }) => item.dossierId);
    expect(await late(parentProcedureId)).toContain(parent.id);
    expect(await late(childProcedureId)).not.toContain(childId);

    // The child runs through its own steps; its result goes back to the commune desk; the parent continues.
    await api.completeOpen(districtDesk, childId, 'desk');
    await api.completeOpen(officer(DISTRICT_DESK), childId, 'appraisal');
    await services.waitUntilIdle();
    expect(await api.dossierStatus(childId)).toBe('returned');
    expect(await api.dossierStatus(parent.id)).toBe('result-ready');
    const [spawningTask] = await services.dataSource.query(
      `SELECT status, outcome, comment FROM step_task WHERE dossier_id = $1 AND step_id = 'district-decision'`,
      [parent.id],
    );
    expect(spawningTask).toMatchObject({ status: 'completed', outcome: 'approve' });
    expect(spawningTask.comment).toContain(child.body.code);
    const childEvents = await api.eventTypes(childId);
    expect(childEvents.slice(-2)).toEqual(['result-ready', 'result-returned']);
    const [returned] = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'result-returned'`,
      [childId],
    );
    expect(returned.payload).toMatchObject({
      returnedTo: 'parent-desk',
      parentDossierId: parent.id,
      deskAgencyId: catalog.agencies.get(COMMUNE_DESK)!.id,
    });
    const parentEvents = await api.eventTypes(parent.id);
    expect(parentEvents.indexOf('sub-dossier-finished')).toBeGreaterThan(parentEvents.indexOf('sub-dossier-spawned'));
    expect(parentEvents.slice(parentEvents.indexOf('sub-dossier-finished'))).toEqual(
      expect.arrayContaining(['step-completed', 'step-started', 'result-ready']),
    );
    await api.completeOpen(communeDesk, parent.id, 'return-result');
    expect(await api.dossierStatus(parent.id)).toBe('returned');
    for (const [id, desk] of [
      [parent.id, communeDesk],
      [childId, districtDesk],
    ] as const) {
      const chain = await api
        .http()
        .get(`/dossiers/${id}/events/verify`)
        .set(await api.auth(desk))
        .expect(200);
      expect(chain.body.valid).toBe(true);
    }

    // A refused sub-dossier refuses the spawning step, and with it the parent.
    const second = await startParent();
    await api.completeOpen(districtDesk, second.childId, 'desk');
    await api.completeOpen(officer(DISTRICT_DESK), second.childId, 'appraisal', 'refuse');
    await services.waitUntilIdle();
    expect(await api.dossierStatus(second.childId)).toBe('refused');
    expect(await api.dossierStatus(second.parent.id)).toBe('refused');
    const [refusedTask] = await services.dataSource.query(
      `SELECT outcome FROM step_task WHERE dossier_id = $1 AND step_id = 'district-decision'`,
      [second.parent.id],
    );
    expect(refusedTask.outcome).toBe('refuse');
  });
});
