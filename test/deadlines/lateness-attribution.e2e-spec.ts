import { ClockService, SubscriberRunnerService } from '@motcua/platform';
import { AgencyQueueWorkers } from '../../apps/workflow/src/connectors/agency-queue-workers';
import { DeadlineSweeper } from '../../apps/workflow/src/deadlines/deadline-sweeper.service';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/**
 * Issue 10, deadlines and supervision, over HTTP with the frozen test clock. A dossier received at the commune
 * desk (4-working-hour desk step) goes to the district for appraisal (1 working day); both overrun.
 *
 * Expected instants (Asia/Ho_Chi_Minh, 07:00–11:30 and 13:30–17:00 Mon–Fri), worked out by hand:
 * - Accepted Mon 3 Mar 2031 08:00; the dossier (5 working days) is due Mon 10 Mar 08:00.
 * - Desk step started 08:00, 4 h: 08:00–11:30 (3.5 h) + 13:30–14:00 → due Mon 14:00. Handed over Mon 14:05: late
 *   by 5 minutes, on the same date (the old calendar-date rule said "on time").
 * - Appraisal at the district started Mon 14:05, 8 h: 14:05–17:00 (175 min) + 07:00–11:30 (270) + 13:30–14:05 (35)
 *   → due Tue 4 Mar 14:05. An officer claims it Tue 09:00; the slip's "received" stays Mon 14:05.
 * - Wed 5 Mar 10:00: the appraisal overruns by Tue 14:05–17:00 (175) + Wed 07:00–10:00 (180) = 355 working minutes,
 *   19 h 55 min = 1,195 clock minutes.
 * - Mon 10 Mar 08:00 the dossier is overdue: the first step that overran is the commune desk's (Mon 3 Mar 14:00),
 *   not the district, which holds the dossier at the appointment.
 */
const COMMUNE = '000.21.12.H62';
const DISTRICT = '000.00.12.H62';
const PROVINCE = '000.00.00.H62';
const BIRTH_LINKED = '1.001612'; // 5 working days, receiving commune A1, rule set ND118-2025

const local = (wallTime: string): Date => new Date(`${wallTime}+07:00`);
const iso = (wallTime: string) => local(wallTime).toISOString();

describe('lateness attribution, control slip, step overruns, notifications, late apology (issue 10)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let desk: Actor;
  let districtOfficer: Actor;
  let districtLead: Actor;
  let districtSupervisor: Actor;
  let dossierId: string;
  let deskStepId: string;
  let appraisalStepId: string;

  beforeAll(async () => {
    services = await startTestServices({
      TEST_CLOCK_ENABLED: 'true',
      SIMULATED_CONNECTOR_LATENCY_MS: '0',
      DEADLINE_SWEEP_INTERVAL_MS: '500',
    });
    catalog = await seedCatalog(services.dataSource);
    await services.workflow.get(AgencyQueueWorkers).refresh();
    api = new WorkflowHttp(services);
    admin = catalog.actor(PROVINCE, 'admin');
    desk = catalog.actor(COMMUNE, 'desk_officer');
    districtOfficer = catalog.actor(DISTRICT, 'agency_officer');
    districtLead = catalog.actor(DISTRICT, 'agency_lead');
    districtSupervisor = catalog.actor(DISTRICT, 'supervisor');
    await moveTo('2031-03-03T07:30:00');
    await api.publishDefinition(admin, catalog.procedures.get(BIRTH_LINKED)!.id, {
      procedureCode: BIRTH_LINKED,
      legalTime: { workingDays: 5 },
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
          agency: { code: DISTRICT },
          budget: { workingDays: 1 },
          transitions: { approve: 'return-result', refuse: '@end:refused' },
        },
        {
          id: 'return-result',
          kind: 'delivery',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 2 },
          transitions: { approve: '@end:result-ready' },
        },
      ],
    });
  });

  afterAll(async () => {
    await services?.close();
  });

  async function moveTo(wallTime: string): Promise<void> {
    const at = local(wallTime);
    await api
      .http()
      .post('/admin/clock')
      .set(await api.auth(admin))
      .send({ at: at.toISOString(), frozen: true })
      .expect(200);
    const workflowClock = services.workflow.get(ClockService);
    await waitFor(`workflow clock at ${wallTime}`, async () => workflowClock.now().getTime() === at.getTime());
  }

  async function settle(): Promise<void> {
    await services.waitUntilIdle();
    await services.workflow.get(DeadlineSweeper).sweep();
    await services.waitUntilIdle();
    // The agency counts are a projection fed by an event subscriber, not by a queue: wait for it as well (it lags
    // behind any transaction open in the cluster, e.g. another test file's).
    await services.workflow.get(SubscriberRunnerService).runner.drain();
  }

  it('judges the desk hand-over late by its own clock and records the hand-over instant as received', async () => {
    await moveTo('2031-03-03T08:00:00');
    dossierId = (await api.accept(desk, catalog.procedures.get(BIRTH_LINKED)!.id, ['TK', 'GCS', 'TKBHYT'])).id;
    await settle();
    deskStepId = (await api.openStep(desk, dossierId, 'desk')).id;

    await moveTo('2031-03-03T14:05:00');
    await settle();
    await api.completeOpen(desk, dossierId, 'desk');
    await settle();
    const appraisal = await api.openStep(districtOfficer, dossierId, 'appraisal');
    appraisalStepId = appraisal.id;

    await moveTo('2031-03-04T09:00:00');
    await api
      .http()
      .post(`/inbox/steps/${appraisal.id}/claim`)
      .set(await api.auth(districtOfficer))
      .send({})
      .expect((response) => expect([200, 201]).toContain(response.status));

    const slip = await api
      .http()
      .get(`/dossiers/${dossierId}/control-slip`)
      .set(await api.auth(desk))
      .expect(200);
    const handOver = slip.body.handOvers.find((row: { stepId: string }) => row.stepId === 'desk');
    expect(handOver).toMatchObject({
      handedOverAt: iso('2031-03-03T14:05:00'),
      deadlineAt: iso('2031-03-03T14:00:00'),
      result: 'late',
      toStepId: 'appraisal',
      receivedAt: iso('2031-03-03T14:05:00'), // the step start, not the claim at Tue 09:00
    });
    // The step's own record agrees with the slip and with its overdue event.
    const [task] = await services.dataSource.query(`SELECT on_time_class FROM step_task WHERE id = $1`, [deskStepId]);
    expect(task.on_time_class).toBe('late');
    const [clock] = await services.dataSource.query(
      `SELECT overdue_at FROM deadline_clock WHERE subject_type = 'step' AND subject_id = $1`,
      [deskStepId],
    );
    expect(new Date(clock.overdue_at).toISOString()).toBe(iso('2031-03-03T14:00:00'));
  });

  it('shows supervisors the steps overrunning now and the overruns in a period, per agency, with durations', async () => {
    await moveTo('2031-03-05T10:00:00');
    await settle();
    const auth = await api.auth(districtSupervisor);
    const now = await api.http().get('/supervision/step-overruns/now').set(auth).expect(200);
    expect(now.body).toMatchObject({ total: 1, page: 1 });
    expect(now.body.items[0]).toMatchObject({
      stepTaskId: appraisalStepId,
      agencyId: catalog.agencies.get(DISTRICT)!.id,
      deadlineAt: iso('2031-03-04T14:05:00'),
      open: true,
      completedAt: null,
      overrunWorkingMinutes: 355,
      overrunMinutes: 1195,
    });

    const period = await api
      .http()
      .get('/supervision/step-overruns')
      .query({ from: iso('2031-03-03T00:00:00'), to: iso('2031-03-05T10:00:00') })
      .set(auth)
      .expect(200);
    expect(
      period.body.items.map((item: Record<string, unknown>) => [
        item.stepId,
        item.agencyId,
        item.overrunWorkingMinutes,
        item.open,
      ]),
    ).toEqual([
      ['desk', catalog.agencies.get(COMMUNE)!.id, 5, false],
      ['appraisal', catalog.agencies.get(DISTRICT)!.id, 355, true],
    ]);
    // A period that ends before the appraisal deadline shows the desk overrun only; the `from` is required.
    const early = await api
      .http()
      .get('/supervision/step-overruns')
      .query({ from: iso('2031-03-03T00:00:00'), to: iso('2031-03-04T00:00:00') })
      .set(auth)
      .expect(200);
    expect(early.body.items.map((item: { stepId: string }) => item.stepId)).toEqual(['desk']);
    await api.http().get('/supervision/step-overruns').set(auth).expect(400);

    // Per-agency counts charge the district's overrun to the district, which received nothing.
    const counts = await api.http().get('/supervision/agency-deadline-counts').set(auth).expect(200);
    const district = counts.body.find(
      (row: { agencyId: string }) => row.agencyId === catalog.agencies.get(DISTRICT)!.id,
    );
    expect(district).toMatchObject({ open: 0, stepsOverrunningNow: 1 });
    const commune = counts.body.find((row: { agencyId: string }) => row.agencyId === catalog.agencies.get(COMMUNE)!.id);
    expect(commune).toMatchObject({ open: 1, late: 0, stepsOverrunningNow: 0 });
  });

  it('lists the warnings sent to each staff user, read and unread', async () => {
    const officer = await api.auth(districtOfficer);
    const list = await api.http().get('/notifications').set(officer).expect(200);
    const kinds = list.body.items.map((item: { kind: string }) => item.kind).sort();
    // The appraisal step's warnings to its officer (overdue goes to the lead and the supervisor).
    expect(kinds).toEqual(['deadline.apology-due', 'deadline.half-used', 'deadline.mostly-used']);
    expect(list.body.unread).toBe(3);
    expect(list.body.items[0].title).toMatch(/Hồ sơ|văn bản/);

    const lead = await api
      .http()
      .get('/notifications')
      .set(await api.auth(districtLead))
      .expect(200);
    expect(lead.body.items.map((item: { kind: string }) => item.kind)).toContain('deadline.overdue');
    // The district supervisor sees the overdue of both the district step and the commune desk step (subtree).
    const supervisor = await api
      .http()
      .get('/notifications')
      .set(await api.auth(districtSupervisor))
      .expect(200);
    expect(supervisor.body.items.filter((item: { kind: string }) => item.kind === 'deadline.overdue')).toHaveLength(2);
    // The commune desk officer sees none of the district's warnings.
    const deskList = await api
      .http()
      .get('/notifications')
      .set(await api.auth(desk))
      .expect(200);
    expect(
      deskList.body.items.filter(
        (item: { recipientAgencyId: string }) => item.recipientAgencyId !== catalog.agencies.get(COMMUNE)!.id,
      ),
    ).toEqual([]);

    const first = list.body.items[0].id;
    await api.http().post(`/notifications/${first}/read`).set(officer).expect(200);
    await api.http().post(`/notifications/${first}/read`).set(officer).expect(200); // idempotent
    const unread = await api.http().get('/notifications').query({ unread: 'true' }).set(officer).expect(200);
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((item: { id: string }) => item.id)).not.toContain(first);
    // Someone else's notification is not theirs to mark: 404; the lead's read marks are their own.
    const leadItem = lead.body.items.find((item: { kind: string }) => item.kind === 'deadline.overdue');
    await api.http().post(`/notifications/${leadItem.id}/read`).set(officer).expect(404);
    await api.http().post(`/notifications/not-a-number/read`).set(officer).expect(404);
    const leadAgain = await api
      .http()
      .get('/notifications')
      .set(await api.auth(districtLead))
      .expect(200);
    expect(leadAgain.body.unread).toBe(lead.body.unread);
    await api.http().post('/notifications/read-all').set(officer).expect(200);
    expect((await api.http().get('/notifications').set(officer).expect(200)).body.unread).toBe(0);
  });

  it("names the first overrunning step's agency on the dossier's overdue", async () => {
    await moveTo('2031-03-10T09:00:00');
    await settle();
    const [clock] = await services.dataSource.query(
      `SELECT overdue_at, late_agency_id FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [dossierId],
    );
    expect(new Date(clock.overdue_at).toISOString()).toBe(iso('2031-03-10T08:00:00'));
    expect(clock.late_agency_id).toBe(catalog.agencies.get(COMMUNE)!.id);
    const [event] = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'deadline-overdue' AND payload->>'subjectType' = 'dossier'`,
      [dossierId],
    );
    expect(event.payload).toMatchObject({
      lateStepTaskId: deskStepId,
      lateAgencyId: catalog.agencies.get(COMMUNE)!.id,
    });
  });

  it('accepts a late apology (marked after the deadline) with a responsible agency of the dossier and a working instant', async () => {
    const auth = await api.auth(districtOfficer);
    const body = {
      reason: 'Cần xác minh thông tin cư trú',
      responsibleUnit: 'UBND huyện An Bình',
      newAppointmentAt: '2031-03-12T16:00:00+07:00',
    };
    const unknown = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(auth)
      .send({ ...body, responsibleAgencyId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('agency.not-found');
    const uninvolved = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(auth)
      .send({ ...body, responsibleAgencyId: catalog.agencies.get(PROVINCE)!.id });
    expect(uninvolved.status).toBe(400);
    expect(uninvolved.body.error).toBe('apology.responsible-agency-not-involved');
    const saturday = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(auth)
      .send({ ...body, newAppointmentAt: '2031-03-15T09:00:00+07:00' });
    expect(saturday.status).toBe(400);
    expect(saturday.body.error).toBe('apology.appointment-not-working-time');

    const issued = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(auth)
      .send({ ...body, responsibleAgencyId: catalog.agencies.get(DISTRICT)!.id });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      originalAppointmentAt: iso('2031-03-10T08:00:00'),
      newAppointmentAt: iso('2031-03-12T16:00:00'),
      timing: 'after-deadline',
      issuedAfterDeadline: true,
      responsibleAgencyId: catalog.agencies.get(DISTRICT)!.id,
    });
    await settle();
    // Still late: the overdue that fired stays recorded.
    const [clock] = await services.dataSource.query(
      `SELECT overdue_at FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [dossierId],
    );
    expect(new Date(clock.overdue_at).toISOString()).toBe(iso('2031-03-10T08:00:00'));
    const form = await api.http().get(`/dossiers/${dossierId}/apology.pdf`).set(auth).expect(200);
    expect(form.headers['content-type']).toMatch(/application\/pdf/);
  });

  it('lets every role that sees the dossier read its clock and timeline (admin included), others get 404', async () => {
    for (const actor of [admin, desk, districtOfficer, districtLead, districtSupervisor]) {
      const clock = await api
        .http()
        .get(`/dossiers/${dossierId}/clock`)
        .set(await api.auth(actor));
      expect([actor.roles[0], clock.status]).toEqual([actor.roles[0], 200]);
      expect(clock.body.state.extensions).toHaveLength(1);
    }
    const timeline = await api
      .http()
      .get(`/dossiers/${dossierId}/timeline`)
      .query({ pageSize: 100 })
      .set(await api.auth(admin))
      .expect(200);
    const types = timeline.body.items.map((item: { type: string }) => item.type);
    expect(types[0]).toBe('intake-accepted');
    expect(types).toContain('apology-issued');
    expect(timeline.body.total).toBe(types.length);
    expect(JSON.stringify(timeline.body)).not.toMatch(/secret/i);
    const stranger = catalog.actor('000.21.13.H62', 'agency_officer');
    await api
      .http()
      .get(`/dossiers/${dossierId}/clock`)
      .set(await api.auth(stranger))
      .expect(404);
    await api
      .http()
      .get(`/dossiers/${dossierId}/timeline`)
      .set(await api.auth(stranger))
      .expect(404);
  });
});
