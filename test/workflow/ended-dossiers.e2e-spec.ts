import { demoSequentialDefinition } from '@motcua/persistence';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { AgencyQueueWorkers } from '../../apps/workflow/src/connectors/agency-queue-workers';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { pendingWorkOfEndedDossiers } from '../support/integrity';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from './support/workflow-fixture';

const DISTRICT_DESK = '000.00.12.H62';
const COMMUNE_DESK = '000.21.12.H62';
const LAND_CERTIFICATE = '1.000775';
const SOCIAL_ALLOWANCE = '1.001776';
const HOUSEHOLD_BUSINESS = '2.000575';

/** Issue #10 "ended dossiers stop" and "timers of a new step are armed when it starts" (issue #9 one arming path). */
describe('ended dossiers stop; step timers are armed with the step', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let districtDesk: Actor;

  beforeAll(async () => {
    // A sweep (and its reconciler) every hour: any timer seen below was armed by the transaction that made it.
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', DEADLINE_SWEEP_INTERVAL_MS: '3600000' });
    catalog = await seedCatalog(services.dataSource);
    await services.workflow.get(AgencyQueueWorkers).refresh();
    api = new WorkflowHttp(services);
    admin = catalog.actor('000.00.00.H62', 'admin');
    districtDesk = catalog.actor(DISTRICT_DESK, 'desk_officer');
    await api.setClock(admin, '2027-11-01T09:00:00+07:00'); // Monday
    await api.publishDefinition(
      admin,
      catalog.procedures.get(LAND_CERTIFICATE)!.id,
      demoSequentialDefinition({ taxAsConnector: false }),
    );
  });

  afterAll(async () => {
    await services?.close();
  });

  const withdraw = async (actor: Actor, dossierId: string) =>
    api
      .http()
      .post(`/dossiers/${dossierId}/withdraw`)
      .set(await api.auth(actor))
      .send({ reason: 'Người nộp xin rút hồ sơ' })
      .expect(200);

  const stepTimers = (dossierId: string, stepId: string) =>
    services.dataSource.query(
      `SELECT timer.threshold_id, timer.status, timer.created_at = t.created_at AS armed_with_step
         FROM deadline_timer timer JOIN step_task t ON timer.subject_type = 'step' AND timer.subject_id = t.id
        WHERE t.dossier_id = $1 AND t.step_id = $2 ORDER BY timer.due_at`,
      [dossierId, stepId],
    ) as Promise<Array<{ threshold_id: string; status: string; armed_with_step: boolean }>>;

  it("arms a new step's timers in the transaction that starts it, without thresholds that fall before its start", async () => {
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const timers = await stepTimers(dossier.id, 'desk');
    // The desk step has 4 working hours; the one-working-day apology lead would fall before it started.
    expect(timers.map((timer) => timer.threshold_id)).toEqual(['half-used', 'mostly-used', 'overdue']);
    expect(timers.every((timer) => timer.status === 'pending' && timer.armed_with_step)).toBe(true);
    // The dossier's own timers were armed by the intake transaction.
    const [{ n }] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM deadline_timer WHERE subject_type = 'dossier' AND subject_id = $1 AND status = 'pending'`,
      [dossier.id],
    );
    expect(n).toBeGreaterThan(0);
  });

  it('a withdrawn dossier stops: its open step is cancelled (completing it is a 409), timers disarmed, no routing on', async () => {
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const desk = await api.openStep(districtDesk, dossier.id, 'desk');
    await withdraw(districtDesk, dossier.id);

    // Even before the router has run, the step of a withdrawn dossier cannot be completed.
    const refused = await api.complete(districtDesk, desk.id, 'approve');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/withdrawn: its steps are cancelled and can no longer be completed/);
    await services.waitUntilIdle();

    const [task] = await services.dataSource.query(`SELECT status FROM step_task WHERE id = $1`, [desk.id]);
    expect(task.status).toBe('cancelled');
    const again = await api.complete(districtDesk, desk.id, 'approve');
    expect(again.status).toBe(409);
    expect((await stepTimers(dossier.id, 'desk')).filter((timer) => timer.status === 'pending')).toEqual([]);
    const [{ n: dossierTimers }] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM deadline_timer WHERE subject_type = 'dossier' AND subject_id = $1 AND status = 'pending'`,
      [dossier.id],
    );
    expect(dossierTimers).toBe(0);
    const events = await api.eventTypes(dossier.id);
    expect(events.slice(events.indexOf('withdrawn'))).toEqual(['withdrawn', 'step-cancelled']);
    expect(await api.dossierStatus(dossier.id)).toBe('withdrawn');
    expect(await pendingWorkOfEndedDossiers(services.dataSource)).toEqual([]);
  });

  it('withdrawing a parent stops its linked sub-dossier and cancels the steps of both', async () => {
    const parentProcedureId = catalog.procedures.get(SOCIAL_ALLOWANCE)!.id;
    const communeDesk = catalog.actor(COMMUNE_DESK, 'desk_officer');
    await api.publishDefinition(admin, parentProcedureId, {
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
          subDossier: { procedureCode: HOUSEHOLD_BUSINESS, receivingAgency: { code: DISTRICT_DESK } },
          transitions: { approve: '@end:result-ready', refuse: '@end:refused' },
        },
      ],
    });
    await api.publishDefinition(admin, catalog.procedures.get(HOUSEHOLD_BUSINESS)!.id, {
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
          transitions: { approve: '@end:result-ready' },
        },
      ],
    });
    const parent = await api.accept(communeDesk, parentProcedureId, ['TK']);
    await services.waitUntilIdle();
    await api.completeOpen(communeDesk, parent.id, 'desk');
    const [child] = await services.dataSource.query(`SELECT id FROM dossier WHERE parent_dossier_id = $1`, [parent.id]);
    expect(await api.dossierStatus(child.id)).toBe('processing');

    await withdraw(communeDesk, parent.id);
    await services.waitUntilIdle();

    expect(await api.dossierStatus(parent.id)).toBe('withdrawn');
    expect(await api.dossierStatus(child.id)).toBe('stopped');
    const steps = await services.dataSource.query(
      `SELECT dossier_id, step_id, status FROM step_task WHERE dossier_id = ANY($1::uuid[]) ORDER BY started_at, step_id`,
      [[parent.id, child.id]],
    );
    const unfinished = steps.filter((step: { status: string }) => step.status !== 'completed');
    expect(unfinished).toHaveLength(2);
    expect(unfinished).toEqual(
      expect.arrayContaining([
        { dossier_id: parent.id, step_id: 'district-decision', status: 'cancelled' },
        { dossier_id: child.id, step_id: 'desk', status: 'cancelled' },
      ]),
    );
    expect(await api.eventTypes(child.id)).toEqual(expect.arrayContaining(['stopped', 'step-cancelled']));
    expect(await pendingWorkOfEndedDossiers(services.dataSource)).toEqual([]);
  });

  it('a step completed at an instant before its clock started still stops that clock and disarms its timers (issue 17)', async () => {
    // Found by the fault suite: a worker whose clock ran an hour ahead started the step; the API completed it "before"
    // that start, and the step's timers stayed armed on a completed step (then on a returned dossier).
    await api.setClock(admin, '2027-11-08T10:00:00+07:00');
    const dossier = await api.accept(districtDesk, catalog.procedures.get(LAND_CERTIFICATE)!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    const desk = await api.openStep(districtDesk, dossier.id, 'desk');
    expect((await stepTimers(dossier.id, 'desk')).some((timer) => timer.status === 'pending')).toBe(true);
    await api.setClock(admin, '2027-11-08T09:00:00+07:00');
    const completed = await api.complete(districtDesk, desk.id, 'approve');
    expect(completed.status).toBe(200);
    await services.waitUntilIdle();
    expect((await stepTimers(dossier.id, 'desk')).filter((timer) => timer.status === 'pending')).toEqual([]);
    const stops = await services.dataSource.query(
      `SELECT c.at FROM clock_entry c WHERE c.step_task_id = $1 AND c.type = 'stop'`,
      [desk.id],
    );
    expect(stops).toEqual([{ at: new Date('2027-11-08T03:00:00Z') }]);
  });
});
