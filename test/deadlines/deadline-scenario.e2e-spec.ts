import { ClockService } from '@motcua/platform';
import { AgencyQueueWorkers } from '../../apps/workflow/src/connectors/agency-queue-workers';
import { DeadlineSweeper } from '../../apps/workflow/src/deadlines/deadline-sweeper.service';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/**
 * Issue 6, acceptance 1 (and 4), end to end over HTTP against the running API and workflow, time moved only through
 * the admin test-clock endpoint (frozen clock). One dossier (5 working days, rule set ND118-2025: a completed
 * supplement restarts the budget) is paused for a supplement, caught by a holiday added to the calendar, and
 * extended by an apology (form 04). Each warning must fire exactly once, never before its instant, and overdue
 * exactly at the recomputed deadline.
 *
 * Expected instants (Asia/Ho_Chi_Minh, office hours 07:00–11:30 and 13:30–17:00 Mon–Fri, 8 working hours a day),
 * worked out by hand so they do not come from the code under test:
 * - Accepted Mon 3 Mar 2031 08:00 → deadline Mon 10 Mar 08:00; half-used (20 h before) Wed 5 Mar 14:00.
 * - Supplement requested Tue 4 Mar 10:00 (clock paused: nothing may fire while paused, not even at Wed 5 14:00).
 * - Supplement received Thu 6 Mar 09:00 → budget restarts: deadline Thu 13 Mar 09:00.
 * - Tue 11 Mar made a holiday (on Thu 6 Mar 10:00) → deadline Fri 14 Mar 09:00; half-used Mon 10 Mar 15:00;
 *   mostly-used (80 %) and apology-due (1 working day before) Thu 13 Mar 09:00 (Wed 12 Mar 09:00 without the holiday).
 * - Apology issued Thu 13 Mar 09:00 (exactly 1 working day before Fri 14 09:00) with a new appointment Tue 18 Mar
 *   16:00 → overdue fires Tue 18 Mar 16:00, not at Thu 13 09:00 nor Fri 14 09:00. A second apology is refused.
 */
const COMMUNE = '000.21.12.H62';
const DISTRICT = '000.00.12.H62';
const PROVINCE = '000.00.00.H62';
const BIRTH_LINKED = '1.001612'; // 5 working days, receiving commune A1, rule set ND118-2025

const local = (wallTime: string): Date => new Date(`${wallTime}+07:00`);

interface TimerRow {
  threshold_id: string;
  status: string;
  due_at: Date;
  fired_at: Date | null;
  deadline_version: number;
}

describe('deadline timers end to end: supplement pause, holiday change, apology (issue 6, acceptance 1 and 4)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let desk: Actor;
  let officer: Actor;
  let supervisor: Actor;
  let dossierId: string;

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
    officer = catalog.actor(COMMUNE, 'agency_officer');
    supervisor = catalog.actor(DISTRICT, 'supervisor');
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
          budget: { workingHours: 2 },
          transitions: { approve: 'appraisal' },
        },
        {
          id: 'appraisal',
          kind: 'task',
          agency: { code: COMMUNE },
          budget: { workingDays: 4 },
          transitions: { approve: 'return-result', 'request-supplement': 'appraisal', refuse: '@end:refused' },
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

  /** Sets the frozen shared clock through the admin endpoint, then waits until the workflow process sees it. */
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

  /**
   * Barrier after a clock move or an action: routing and outbox drained, then one full sweep (reconcile + fire) that
   * started after the move, so "nothing fired" is a real observation and not a race.
   */
  async function settle(): Promise<void> {
    await services.waitUntilIdle();
    await services.workflow.get(DeadlineSweeper).sweep();
    await services.waitUntilIdle();
  }

  async function dossierTimers(): Promise<TimerRow[]> {
    return services.dataSource.query(
      `SELECT threshold_id, status, due_at, fired_at, deadline_version FROM deadline_timer
       WHERE subject_type = 'dossier' AND subject_id = $1 ORDER BY id`,
      [dossierId],
    );
  }

  async function fired(): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {};
    for (const timer of await dossierTimers()) {
      if (timer.status !== 'fired') continue;
      (result[timer.threshold_id] ??= []).push(new Date(timer.fired_at as Date).toISOString());
    }
    return result;
  }

  async function pendingDue(): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const timer of await dossierTimers())
      if (timer.status === 'pending') result[timer.threshold_id] = new Date(timer.due_at).toISOString();
    return result;
  }

  async function armedDeadline(): Promise<{
    deadline_at: Date | null;
    clock_status: string;
    overdue_at: Date | null;
    late_agency_id: string | null;
  }> {
    const [row] = await services.dataSource.query(
      `SELECT deadline_at, clock_status, overdue_at, late_agency_id FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [dossierId],
    );
    return row;
  }

  const iso = (wallTime: string) => local(wallTime).toISOString();

  it('fires each warning once, never early, and overdue exactly at the recomputed deadline', async () => {
    // Mon 3 Mar 08:00: accepted at the commune desk; the desk hands over to appraisal at once.
    await moveTo('2031-03-03T08:00:00');
    dossierId = (await api.accept(desk, catalog.procedures.get(BIRTH_LINKED)!.id, ['TK', 'GCS', 'TKBHYT'])).id;
    await services.waitUntilIdle();
    await api.completeOpen(desk, dossierId, 'desk');
    await settle();
    expect(new Date((await armedDeadline()).deadline_at as Date).toISOString()).toBe(iso('2031-03-10T08:00:00'));
    expect(await pendingDue()).toEqual({
      'half-used': iso('2031-03-05T14:00:00'),
      'mostly-used': iso('2031-03-07T08:00:00'),
      'apology-due': iso('2031-03-07T08:00:00'),
      overdue: iso('2031-03-10T08:00:00'),
    });

    // Tue 4 Mar 10:00: appraisal asks for a supplement → the dossier clock pauses; no timer may stay armed.
    await moveTo('2031-03-04T10:00:00');
    const step = await api.openStep(officer, dossierId, 'appraisal');
    expect((await api.complete(officer, step.id, 'request-supplement', 'Thiếu bản chính giấy chứng sinh')).status).toBe(
      200,
    );
    await settle();
    expect(await api.dossierStatus(dossierId)).toBe('awaiting-supplement');
    expect((await armedDeadline()).clock_status).toBe('paused');
    expect(await pendingDue()).toEqual({});

    // Thu 6 Mar 09:00: past the original half-used instant (Wed 5 14:00) while paused: nothing fired.
    await moveTo('2031-03-06T09:00:00');
    await settle();
    expect(await fired()).toEqual({});

    // The desk records the supplement: the budget restarts (ND118-2025) → deadline Thu 13 Mar 09:00.
    const received = await api
      .http()
      .post(`/dossiers/${dossierId}/supplement-received`)
      .set(await api.auth(desk))
      .send({ note: 'Đã nhận bản chính' });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      status: 'processing',
      stepId: 'appraisal',
      appointmentAt: iso('2031-03-13T09:00:00'),
    });
    await settle();
    expect(new Date((await armedDeadline()).deadline_at as Date).toISOString()).toBe(iso('2031-03-13T09:00:00'));
    expect((await api.openStep(officer, dossierId, 'appraisal')).id).not.toBe(step.id); // the asking step runs again

    // Thu 6 Mar 10:00: Tue 11 Mar becomes a holiday → deadline Fri 14 Mar 09:00, thresholds follow.
    await moveTo('2031-03-06T10:00:00');
    await api
      .http()
      .put('/admin/calendar/days/2031-03-11')
      .set(await api.auth(admin))
      .send({ kind: 'holiday', name: 'Nghỉ bù (kiểm thử)' })
      .expect(200);
    await settle();
    expect(new Date((await armedDeadline()).deadline_at as Date).toISOString()).toBe(iso('2031-03-14T09:00:00'));
    const [appointment] = await services.dataSource.query(`SELECT appointment_at FROM dossier WHERE id = $1`, [
      dossierId,
    ]);
    expect(new Date(appointment.appointment_at).toISOString()).toBe(iso('2031-03-14T09:00:00'));
    expect(await pendingDue()).toEqual({
      'half-used': iso('2031-03-10T15:00:00'),
      'mostly-used': iso('2031-03-13T09:00:00'),
      'apology-due': iso('2031-03-13T09:00:00'),
      overdue: iso('2031-03-14T09:00:00'),
    });

    // One minute before half-used: nothing; at the minute: half-used only, fired at exactly its instant.
    await moveTo('2031-03-10T14:59:00');
    await settle();
    expect(await fired()).toEqual({});
    await moveTo('2031-03-10T15:00:00');
    await settle();
    expect(await fired()).toEqual({ 'half-used': [iso('2031-03-10T15:00:00')] });

    // Wed 12 Mar 09:00 is where 80 % / apology-due would have been without the holiday: nothing more.
    await moveTo('2031-03-12T09:00:00');
    await settle();
    expect(Object.keys(await fired())).toEqual(['half-used']);
    await moveTo('2031-03-13T08:59:00');
    await settle();
    expect(Object.keys(await fired())).toEqual(['half-used']);

    // Thu 13 Mar 09:00: mostly-used and apology-due fire; overdue does not (the pre-holiday deadline).
    await moveTo('2031-03-13T09:00:00');
    await settle();
    expect(await fired()).toEqual({
      'half-used': [iso('2031-03-10T15:00:00')],
      'mostly-used': [iso('2031-03-13T09:00:00')],
      'apology-due': [iso('2031-03-13T09:00:00')],
    });

    // The apology (form 04), exactly 1 working day before Fri 14 09:00: new appointment Tue 18 Mar 16:00.
    const apology = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(await api.auth(officer))
      .send({
        reason: 'Cần xác minh thông tin cư trú',
        responsibleUnit: 'Công chức tư pháp - hộ tịch',
        newAppointmentAt: '2031-03-18T16:00:00+07:00',
      });
    expect(apology.status).toBe(201);
    expect(apology.body).toMatchObject({
      originalAppointmentAt: iso('2031-03-14T09:00:00'),
      newAppointmentAt: iso('2031-03-18T16:00:00'),
    });
    await settle();
    expect(new Date((await armedDeadline()).deadline_at as Date).toISOString()).toBe(iso('2031-03-18T16:00:00'));
    // Warnings that fired are not armed again; only overdue remains, at the new appointment.
    expect(await pendingDue()).toEqual({ overdue: iso('2031-03-18T16:00:00') });

    // Fri 14 Mar 09:00 (the deadline before the apology) and Tue 18 15:59: not overdue.
    await moveTo('2031-03-14T09:00:00');
    await settle();
    expect(await fired()).not.toHaveProperty('overdue');
    await moveTo('2031-03-18T15:59:00');
    await settle();
    expect(await fired()).not.toHaveProperty('overdue');
    expect((await armedDeadline()).overdue_at).toBeNull();

    // Tue 18 Mar 16:00: overdue, at exactly the recomputed deadline, attributed to the commune (its step overran).
    await moveTo('2031-03-18T16:00:00');
    await settle();
    expect((await fired()).overdue).toEqual([iso('2031-03-18T16:00:00')]);
    const clock = await armedDeadline();
    expect(new Date(clock.overdue_at as Date).toISOString()).toBe(iso('2031-03-18T16:00:00'));
    expect(clock.late_agency_id).toBe(catalog.agencies.get(COMMUNE)!.id);

    // Days later: nothing fires again. Exactly one firing and one event per threshold; nothing ever early.
    await moveTo('2031-03-21T10:00:00');
    await settle();
    expect(await fired()).toEqual({
      'half-used': [iso('2031-03-10T15:00:00')],
      'mostly-used': [iso('2031-03-13T09:00:00')],
      'apology-due': [iso('2031-03-13T09:00:00')],
      overdue: [iso('2031-03-18T16:00:00')],
    });
    const events: Array<{ type: string; threshold: string; count: number }> = await services.dataSource.query(
      `SELECT type, payload->>'thresholdId' AS threshold, count(*)::int AS count FROM dossier_event
       WHERE dossier_id = $1 AND type IN ('deadline-warning', 'deadline-overdue') AND payload->>'subjectType' = 'dossier'
       GROUP BY 1, 2 ORDER BY 2`,
      [dossierId],
    );
    expect(events).toEqual([
      { type: 'deadline-warning', threshold: 'apology-due', count: 1 },
      { type: 'deadline-warning', threshold: 'half-used', count: 1 },
      { type: 'deadline-warning', threshold: 'mostly-used', count: 1 },
      { type: 'deadline-overdue', threshold: 'overdue', count: 1 },
    ]);
    const [{ early }] = await services.dataSource.query(
      `SELECT count(*)::int AS early FROM deadline_timer WHERE dossier_id = $1 AND fired_at < due_at`,
      [dossierId],
    );
    expect(early).toBe(0);
    // The notifications went through the outbox to the notification queue, once per recipient.
    const [{ overdueNotices }] = await services.dataSource.query(
      `SELECT count(*)::int AS "overdueNotices" FROM notification WHERE dossier_id = $1 AND kind = 'deadline.overdue'`,
      [dossierId],
    );
    expect(overdueNotices).toBeGreaterThanOrEqual(2); // dossier overdue → agency lead + supervisor (and the step's own)

    // The supervisor's clock view shows the extension and the restart.
    const history = await api
      .http()
      .get(`/dossiers/${dossierId}/clock`)
      .set(await api.auth(supervisor))
      .expect(200);
    expect(history.body.state).toMatchObject({ budgetRestarts: 1, supplementRequestCount: 1 });
    expect(history.body.state.extensions).toHaveLength(1);
  });

  it('refuses a second apology for the same dossier with a clear message (acceptance 4)', async () => {
    // Under ND118-2025 the appointment may be moved once (maxApologiesPerDossier = 1).
    await moveTo('2031-03-21T10:30:00');
    const second = await api
      .http()
      .post(`/dossiers/${dossierId}/apology`)
      .set(await api.auth(officer))
      .send({
        reason: 'Lại cần xác minh',
        responsibleUnit: 'Công chức tư pháp - hộ tịch',
        newAppointmentAt: '2031-03-31T16:00:00+07:00',
      });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('apology.limit-reached');
    expect(second.body.details).toMatchObject({ maxApologiesPerDossier: 1, ruleSetId: 'ND118-2025' });
    expect(second.body.message).toMatch(/already issued on 2031-03-13/);
    expect(second.body.message).toMatch(/once/);
    const apologies = await api
      .http()
      .get(`/dossiers/${dossierId}/apology`)
      .set(await api.auth(officer))
      .expect(200);
    expect(apologies.body).toHaveLength(1);
    const [appointment] = await services.dataSource.query(`SELECT appointment_at FROM dossier WHERE id = $1`, [
      dossierId,
    ]);
    expect(new Date(appointment.appointment_at).toISOString()).toBe(iso('2031-03-18T16:00:00'));
  });
});
