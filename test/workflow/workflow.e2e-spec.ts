import { demoSequentialDefinition } from '@motcua/persistence';
import type { Job } from 'bullmq';
import { AgencyStepProcessor } from '../../apps/workflow/src/connectors/agency-step.processor';
import { RoutingProcessor } from '../../apps/workflow/src/routing/routing.processor';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import type { TestServices } from '../support/test-services';
import type { SeededCatalog } from '../dossier/support/catalog-fixture';
import type { WorkflowHttp } from './support/workflow-fixture';
import {
  LAND_REGISTRY,
  TAX,
  NATURAL_RESOURCES,
  PLANNING,
  LABOUR,
  LAND_CERTIFICATE,
  ENTERPRISE,
  startWorkflowWorld,
} from './support/workflow-world';

describe('workflow engine over HTTP (issue 5): runs, replay, versions', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let districtDesk: Actor;
  let centreDesk: Actor;
  const officer = (identifier: string) => catalog.actor(identifier, 'agency_officer');
  let sequentialDefinitionId: string;

  beforeAll(async () => {
    ({ services, catalog, api, admin, districtDesk, centreDesk, sequentialDefinitionId } = await startWorkflowWorld());
  });

  afterAll(async () => {
    await services?.close();
  });

  let sequentialDossierId: string;

  it('(1a) runs a 3-agency sequential procedure from intake to the result; the control slip flags each hand-over', async () => {
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    sequentialDossierId = dossier.id;
    await services.waitUntilIdle();
    expect(await api.dossierStatus(dossier.id)).toBe('processing');
    const [pinned] = await services.dataSource.query(`SELECT process_definition_id FROM dossier WHERE id = $1`, [
      dossier.id,
    ]);
    expect(pinned.process_definition_id).toBe(sequentialDefinitionId);

    // Mon 08:00: desk hands over (same day as its deadline → on time); the land registry finishes at once (early).
    await api.completeOpen(districtDesk, dossier.id, 'desk');
    await api.completeOpen(officer(LAND_REGISTRY), dossier.id, 'land-registry');
    // Tax has 3 working days (due Thu 4 Nov 08:00) and finishes Fri 5 Nov: late.
    await api.advance(admin, { days: 4 });
    await api.completeOpen(officer(TAX), dossier.id, 'tax');
    // Natural resources has 5 working days from Fri 5 Nov 08:00 (due Fri 12 Nov 08:00) and finishes that day at
    // 07:30, before the instant: on time (the control slip judges by the step's own clock since issue 10, so
    // finishing at 08:00 plus the seconds the test takes would be late).
    await api.advance(admin, { days: 6, hours: 23, minutes: 30 });
    await api.completeOpen(officer(NATURAL_RESOURCES), dossier.id, 'natural-resources');
    expect(await api.dossierStatus(dossier.id)).toBe('result-ready');
    await api.completeOpen(districtDesk, dossier.id, 'return-result');
    expect(await api.dossierStatus(dossier.id)).toBe('returned');

    const slip = await api
      .http()
      .get(`/dossiers/${dossier.id}/control-slip`)
      .set(await api.auth(districtDesk))
      .expect(200);
    const rows = slip.body.handOvers.map(
      (row: { stepId: string; toStepId: string | null; result: string; handover: string }) => [
        row.stepId,
        row.toStepId,
        row.result,
        row.handover,
      ],
    );
    expect(rows).toEqual([
      ['desk', 'land-registry', 'on-time', 'electronic'],
      ['land-registry', 'tax', 'early', 'electronic'],
      ['tax', 'natural-resources', 'late', 'paper'],
      ['natural-resources', 'return-result', 'on-time', 'electronic'],
      ['return-result', null, 'on-time', 'electronic'],
    ]);
    expect(slip.body.electronicHandOverShare).toBeCloseTo(3 / 4);
    expect(slip.body.pendingSteps).toEqual([]);
    const pdf = await api
      .http()
      .get(`/dossiers/${dossier.id}/control-slip.pdf`)
      .set(await api.auth(districtDesk))
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    // An agency that worked a step sees the slip; one that did not gets 404.
    await api
      .http()
      .get(`/dossiers/${dossier.id}/control-slip`)
      .set(await api.auth(officer(TAX)))
      .expect(200);
    await api
      .http()
      .get(`/dossiers/${dossier.id}/control-slip`)
      .set(await api.auth(officer(LABOUR)))
      .expect(404);

    const events = await api.eventTypes(dossier.id);
    expect(events.filter((type) => type === 'step-started')).toHaveLength(5);
    expect(events.filter((type) => type === 'step-completed')).toHaveLength(5);
    expect(events).toContain('result-ready');
    expect(events[events.length - 1]).toBe('result-returned');
    const chain = await api
      .http()
      .get(`/dossiers/${dossier.id}/events/verify`)
      .set(await api.auth(districtDesk))
      .expect(200);
    expect(chain.body.valid).toBe(true);
  });

  it('(1b) runs a 3-agency parallel procedure with a join; the lead consolidates; flags per branch', async () => {
    await api.setClock(admin, '2027-11-15T08:00:00+07:00');
    const dossier = await api.accept(centreDesk, catalog.procedures.get(ENTERPRISE)!.id, ['GDN', 'GTPL']);
    await services.waitUntilIdle();
    await api.completeOpen(centreDesk, dossier.id, 'desk');
    // Three branches, each 1 working day (due Tue 16 Nov 08:00).
    await api.completeOpen(officer(PLANNING), dossier.id, 'business-registration'); // Mon: early
    // Tue 07:30, before the 08:00 instant: on time (the overdue timer is armed when the step starts and fires at
    // the instant, so finishing at 08:00 plus the seconds the test takes would be late).
    await api.advance(admin, { hours: 23, minutes: 30 });
    await api.completeOpen(officer(TAX), dossier.id, 'tax-registration'); // Tue: on time
    // The join waits for the last branch.
    await expect(api.openStep(officer(PLANNING), dossier.id, 'consolidate')).rejects.toThrow(/no open step/);
    await api.advance(admin, { days: 1 });
    await api.completeOpen(officer(LABOUR), dossier.id, 'social-insurance'); // Wed: late
    await api.completeOpen(officer(PLANNING), dossier.id, 'consolidate'); // due Thu: early
    expect(await api.dossierStatus(dossier.id)).toBe('result-ready');
    await api.completeOpen(centreDesk, dossier.id, 'return-result');
    expect(await api.dossierStatus(dossier.id)).toBe('returned');

    const slip = await api
      .http()
      .get(`/dossiers/${dossier.id}/control-slip`)
      .set(await api.auth(centreDesk))
      .expect(200);
    const rows = slip.body.handOvers.map(
      (row: { stepId: string; toStepId: string | null; result: string }) =>
        `${row.stepId}>${row.toStepId}:${row.result}`,
    );
    expect(rows).toEqual([
      'desk>business-registration:on-time',
      'desk>tax-registration:on-time',
      'desk>social-insurance:on-time',
      'business-registration>consolidate:early',
      'tax-registration>consolidate:on-time',
      'social-insurance>consolidate:late',
      'consolidate>return-result:early',
      'return-result>null:on-time',
    ]);
    const events = await api.eventTypes(dossier.id);
    expect(events.filter((type) => type === 'awaiting-join')).toHaveLength(2);
  });

  it('(2) replaying every job of a finished run changes nothing', async () => {
    const snapshot = async () => ({
      events: await services.dataSource.query(
        `SELECT sequence, type, hash FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
        [sequentialDossierId],
      ),
      tasks: await services.dataSource.query(
        `SELECT id, step_id, attempt, status, version, completed_event_sequence FROM step_task WHERE dossier_id = $1 ORDER BY run_order`,
        [sequentialDossierId],
      ),
      dossier: await services.dataSource.query(
        `SELECT status, version, process_definition_id FROM dossier WHERE id = $1`,
        [sequentialDossierId],
      ),
      clock: await services.dataSource.query(`SELECT count(*)::int AS n FROM clock_entry WHERE dossier_id = $1`, [
        sequentialDossierId,
      ]),
      // This dossier's outbox rows (by its id or one of its steps' ids in the payload): other work of the suite (timers of
      // earlier dossiers, periodic sweeps) may write rows of its own meanwhile.
      outbox: await services.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_message o
         WHERE o.payload::text LIKE '%' || $1::text || '%'
            OR EXISTS (SELECT 1 FROM step_task t WHERE t.dossier_id = $1::uuid AND o.payload::text LIKE '%' || t.id::text || '%')`,
        [sequentialDossierId],
      ),
    });
    const before = await snapshot();
    const rows: Array<{ id: string; queue: string; job_name: string; payload: Record<string, unknown> }> =
      await services.dataSource.query(
        `SELECT id::text, queue, job_name, payload FROM outbox_message WHERE queue = 'workflow' OR queue LIKE 'agency.%' ORDER BY id`,
      );
    // Routing jobs of every routed event, the connector's and the payment's jobs (human steps get no agency job).
    expect(rows.length).toBeGreaterThan(10);
    const routing = services.workflow.get(RoutingProcessor);
    const agency = services.workflow.get(AgencyStepProcessor);
    const results: unknown[] = [];
    for (const row of rows) {
      const job = {
        id: `o${row.id}`,
        name: row.job_name,
        data: row.payload,
        opts: { attempts: 8 },
        attemptsMade: 0,
      } as unknown as Job;
      results.push(row.queue === 'workflow' ? await routing.process(job) : await agency.process(job));
    }
    expect(results.every((result) => result === 'duplicate')).toBe(true);
    // Even with the outbox guard bypassed, routing a finished dossier again finds nothing to route.
    const direct = await services.dataSource.transaction((manager) =>
      services.workflow.get(RoutingProcessor)['routing'].routeIn(manager, sequentialDossierId, new Date()),
    );
    expect(direct).toEqual({ routedEvents: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('(3) rejects budgets over the legal time; a new version leaves running dossiers pinned; migration moves them and logs it', async () => {
    const procedureId = catalog.procedures.get(LAND_CERTIFICATE)!.id;
    const tooLong = demoSequentialDefinition({ taxAsConnector: false });
    (tooLong.steps[1] as { budget: object }).budget = { workingDays: 15 };
    const rejected = await api
      .http()
      .post('/process-definitions')
      .set(await api.auth(admin))
      .send({ procedureId, document: tooLong })
      .expect(400);
    expect(rejected.body.message).toMatch(/exceeds the procedure's legal time of 20 working days/);
    expect(rejected.body.details.errors.length).toBeGreaterThan(0);
    const unknownAgency = demoSequentialDefinition({ taxAsConnector: false });
    (unknownAgency.steps[1] as { agency: object }).agency = { code: '999.99.99.H99' };
    const rejectedAgency = await api
      .http()
      .post('/process-definitions')
      .set(await api.auth(admin))
      .send({ procedureId, document: unknownAgency })
      .expect(400);
    expect(rejectedAgency.body.message).toMatch(/agency '999.99.99.H99' is not in the agency table/);
    // Published versions are immutable.
    await api
      .http()
      .put(`/process-definitions/${sequentialDefinitionId}`)
      .set(await api.auth(admin))
      .send({ document: demoSequentialDefinition() })
      .expect(409);
    await api
      .http()
      .post(`/process-definitions/${sequentialDefinitionId}/publish`)
      .set(await api.auth(admin))
      .expect(409);

    await api.setClock(admin, '2027-12-06T08:00:00+07:00');
    const running = await api.accept(districtDesk, procedureId, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    await api.completeOpen(districtDesk, running.id, 'desk');

    // Version 2 renames 'land-registry' to 'land-appraisal'.
    const renamed = JSON.parse(
      JSON.stringify(demoSequentialDefinition({ taxAsConnector: false }).steps).replace(
        /"land-registry"/g,
        '"land-appraisal"',
      ),
    );
    const v2 = await api.publishDefinition(admin, procedureId, {
      ...demoSequentialDefinition({ taxAsConnector: false }),
      steps: renamed,
    });
    expect(v2.version).toBe(2);
    const versions = await api
      .http()
      .get('/process-definitions')
      .query({ procedureId })
      .set(await api.auth(admin))
      .expect(200);
    expect(
      versions.body.map((version: { version: number; status: string }) => `${version.version}:${version.status}`),
    ).toEqual(['2:published', '1:published']);

    const fresh = await api.accept(districtDesk, procedureId, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const pins = async (id: string) =>
      (await services.dataSource.query(`SELECT process_definition_id FROM dossier WHERE id = $1`, [id]))[0]
        .process_definition_id;
    expect(await pins(running.id)).toBe(sequentialDefinitionId);
    expect(await pins(fresh.id)).toBe(v2.id);
    // The running dossier keeps routing on version 1.
    expect((await api.openStep(officer(LAND_REGISTRY), running.id)).stepId).toBe('land-registry');

    // Without a mapping the open step has no counterpart: refused, nothing moved.
    await api
      .http()
      .post(`/process-definitions/${v2.id}/migrate-dossiers`)
      .set(await api.auth(admin))
      .send({ dossierIds: [running.id] })
      .expect(400);
    expect(await pins(running.id)).toBe(sequentialDefinitionId);
    const migrated = await api
      .http()
      .post(`/process-definitions/${v2.id}/migrate-dossiers`)
      .set(await api.auth(admin))
      .send({
        fromDefinitionId: sequentialDefinitionId,
        stepMapping: { 'land-registry': 'land-appraisal' },
        dossierIds: [running.id],
      })
      .expect(200);
    expect(migrated.body.migrated).toEqual([
      { dossierId: running.id, fromDefinitionId: sequentialDefinitionId, fromVersion: 1 },
    ]);
    expect(await pins(running.id)).toBe(v2.id);
    const [logged] = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'definition-migrated'`,
      [running.id],
    );
    expect(logged.payload).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      stepMapping: { 'land-registry': 'land-appraisal' },
    });
    // It continues on version 2.
    await api.completeOpen(officer(LAND_REGISTRY), running.id, 'land-appraisal');
    expect((await api.openStep(officer(TAX), running.id)).stepId).toBe('tax');
  });
});
