import { ClockService } from '@motcua/platform';
import { AgencyQueueWorkers } from '../../apps/workflow/src/connectors/agency-queue-workers';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/**
 * Issue 10, "rule-set settings that exist are honoured": whether a supplement restarts or pauses the dossier clock is
 * chosen per procedure within its rule set (ND118-2025 allows both; its default is restart), and pinned on the
 * dossier at intake.
 *
 * Worked out by hand (Asia/Ho_Chi_Minh, 07:00–11:30 and 13:30–17:00 Mon–Fri, 8 working hours a day), budget 5
 * working days = 40 h:
 * - Accepted Mon 3 Mar 2031 08:00 → appointment Mon 10 Mar 08:00.
 * - Supplement requested Tue 4 Mar 10:00: used Mon 08:00–17:00 (7 h) + Tue 07:00–10:00 (3 h) = 10 h; 30 h left.
 * - Supplement received Thu 6 Mar 09:00:
 *   - restart → 40 h from Thu 09:00: Thu 6 h, Fri 8, Mon 8, Tue 8, Wed 8 (= 38), Thu 13 2 h → Thu 13 Mar 09:00;
 *   - pause → 30 h from Thu 09:00: Thu 6 h, Fri 8, Mon 8, Tue 8 (= 30) → Tue 11 Mar 17:00.
 */
const COMMUNE = '000.21.12.H62';
const PROVINCE = '000.00.00.H62';
const BIRTH_LINKED = '1.001612'; // 5 working days, receiving commune, rule set ND118-2025

const local = (wallTime: string): Date => new Date(`${wallTime}+07:00`);
const iso = (wallTime: string) => local(wallTime).toISOString();

describe('supplement clock per procedure: restart or pause (issue 10)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let desk: Actor;
  let officer: Actor;
  let procedureId: string;

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', SIMULATED_CONNECTOR_LATENCY_MS: '0' });
    catalog = await seedCatalog(services.dataSource);
    await services.workflow.get(AgencyQueueWorkers).refresh();
    api = new WorkflowHttp(services);
    admin = catalog.actor(PROVINCE, 'admin');
    desk = catalog.actor(COMMUNE, 'desk_officer');
    officer = catalog.actor(COMMUNE, 'agency_officer');
    procedureId = catalog.procedures.get(BIRTH_LINKED)!.id;
    await moveTo('2031-03-03T07:30:00');
    await api.publishDefinition(admin, procedureId, {
      procedureCode: BIRTH_LINKED,
      legalTime: { workingDays: 5 },
      handover: 'electronic',
      start: 'appraisal',
      steps: [
        {
          id: 'appraisal',
          kind: 'task',
          agency: { code: COMMUNE },
          budget: { workingDays: 4 },
          transitions: { approve: '@end:result-ready', 'request-supplement': 'appraisal', refuse: '@end:refused' },
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

  async function setSupplementClock(value: unknown) {
    return api
      .http()
      .patch(`/admin/procedures/${procedureId}`)
      .set(await api.auth(admin))
      .send({ supplementClock: value });
  }

  it("refuses a choice the rule set does not offer; null falls back to the rule set's", async () => {
    const bad = await setSupplementClock('sometimes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/supplementClock/);
    const reset = await setSupplementClock(null);
    expect(reset.status).toBe(200);
    expect(reset.body.supplementClock).toBeNull();
  });

  it('restarts for a dossier accepted before the procedure chose pause, pauses for one accepted after', async () => {
    await moveTo('2031-03-03T08:00:00');
    const before = (await api.accept(desk, procedureId, ['TK', 'GCS', 'TKBHYT'])).id;
    const chosen = await setSupplementClock('pause');
    expect(chosen.status).toBe(200);
    expect(chosen.body.supplementClock).toBe('pause');
    const after = (await api.accept(desk, procedureId, ['TK', 'GCS', 'TKBHYT'])).id;
    await services.waitUntilIdle();
    for (const id of [before, after]) {
      const dossier = await api
        .http()
        .get(`/dossiers/${id}`)
        .set(await api.auth(desk))
        .expect(200);
      expect(dossier.body.appointmentAt).toBe(iso('2031-03-10T08:00:00'));
    }

    await moveTo('2031-03-04T10:00:00');
    for (const id of [before, after]) {
      const step = await api.openStep(officer, id, 'appraisal');
      expect((await api.complete(officer, step.id, 'request-supplement', 'Thiếu bản chính')).status).toBe(200);
    }
    await services.waitUntilIdle();

    await moveTo('2031-03-06T09:00:00');
    const resumed: Record<string, unknown> = {};
    for (const id of [before, after]) {
      const received = await api
        .http()
        .post(`/dossiers/${id}/supplement-received`)
        .set(await api.auth(desk))
        .send({ note: 'Đã nhận bản chính' })
        .expect(200);
      resumed[id] = received.body.appointmentAt;
    }
    expect(resumed).toEqual({ [before]: iso('2031-03-13T09:00:00'), [after]: iso('2031-03-11T17:00:00') });
    await services.waitUntilIdle();
    const [armed] = await services.dataSource.query(
      `SELECT deadline_at FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [after],
    );
    expect(new Date(armed.deadline_at).toISOString()).toBe(iso('2031-03-11T17:00:00'));
    const clock = await api
      .http()
      .get(`/dossiers/${after}/clock`)
      .set(await api.auth(desk))
      .expect(200);
    expect(clock.body.state.budgetRestarts ?? 0).toBe(0);
  });

  it('records a supplement request after 3 working days as late, the fault of the agency that asked (ND118-2025)', async () => {
    // Accepted Mon 10 Mar 2031 08:00, appraisal starts at once: due Thu 13 Mar 08:00 (Mon 7 h, Tue 8, Wed 8, Thu 1).
    // Asked Fri 14 Mar 10:00: late by Thu 08:00–17:00 (7 h) + Fri 07:00–10:00 (3 h) = 600 working minutes.
    await moveTo('2031-03-10T08:00:00');
    const inTime = (await api.accept(desk, procedureId, ['TK', 'GCS', 'TKBHYT'])).id;
    const late = (await api.accept(desk, procedureId, ['TK', 'GCS', 'TKBHYT'])).id;
    await services.waitUntilIdle();
    await moveTo('2031-03-13T08:00:00');
    const first = await api.openStep(officer, inTime, 'appraisal');
    expect((await api.complete(officer, first.id, 'request-supplement', 'Thiếu bản chính')).status).toBe(200);
    await moveTo('2031-03-14T10:00:00');
    const second = await api.openStep(officer, late, 'appraisal');
    expect((await api.complete(officer, second.id, 'request-supplement', 'Thiếu bản chính')).status).toBe(200);
    await services.waitUntilIdle();
    const timingOf = async (dossierId: string) => {
      const [row] = await services.dataSource.query(
        `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'supplement-requested'`,
        [dossierId],
      );
      return row.payload.timing;
    };
    const commune = catalog.agencies.get(COMMUNE)!.id;
    expect(await timingOf(inTime)).toEqual({
      dueBy: iso('2031-03-13T08:00:00'),
      late: false,
      workingMinutesLate: 0,
      faultAgencyId: null,
    });
    expect(await timingOf(late)).toEqual({
      dueBy: iso('2031-03-13T08:00:00'),
      late: true,
      workingMinutesLate: 600,
      faultAgencyId: commune,
    });
  });
});
