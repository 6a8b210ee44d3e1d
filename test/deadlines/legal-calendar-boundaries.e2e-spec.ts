import { ClockService, SubscriberRunnerService } from '@motcua/platform';
import { AgencyQueueWorkers } from '../../apps/workflow/src/connectors/agency-queue-workers';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/**
 * Hand-computed legal cases over HTTP with the test clock (docs/LEGAL-RULES-COVERAGE.md), on the calendar the
 * migrations seed for 2025: Labour Code 2019 Art. 112 holidays as the yearly notices fixed them (Tết off Sat 25 Jan –
 * Sun 2 Feb; 30 Apr – 1 May off Wed 30 Apr – Sun 4 May with Fri 2 May worked on Sat 26 Apr). Office hours 07:00–11:30
 * and 13:30–17:00, 1 working day = 8 h, Asia/Ho_Chi_Minh (UTC+7). Dossiers received before 2025-07-01 are governed by
 * NĐ 61/2018 (cut-off 15:00, Art. 18; supplement restarts the clock). Every expected instant is worked out in the
 * comment next to it from shared/DOMAIN.md, never taken from the code under test.
 */
const COMMUNE = '000.21.12.H62';
const PROVINCE = '000.00.00.H62';
const BIRTH = '1.001193'; // 1 working day, cut-off 15:00
const BIRTH_LINKED = '1.001612'; // 5 working days, cut-off 15:00
const MARRIAGE = '1.004227'; // 1 working day, cut-off 15:00 (only the period test below uses it)

const local = (wallTime: string): Date => new Date(`${wallTime}+07:00`);
const iso = (wallTime: string) => local(wallTime).toISOString();

describe('legal calendar boundaries over HTTP (cut-off, holidays, swaps, supplement across Tết)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let desk: Actor;
  let officer: Actor;

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', SIMULATED_CONNECTOR_LATENCY_MS: '0' });
    catalog = await seedCatalog(services.dataSource);
    await services.workflow.get(AgencyQueueWorkers).refresh();
    api = new WorkflowHttp(services);
    admin = catalog.actor(PROVINCE, 'admin');
    desk = catalog.actor(COMMUNE, 'desk_officer');
    officer = catalog.actor(COMMUNE, 'agency_officer');
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

  async function acceptAt(wallTime: string, code: string, documents: string[]) {
    await moveTo(wallTime);
    const { id } = await api.accept(desk, catalog.procedures.get(code)!.id, documents);
    const dossier = await api
      .http()
      .get(`/dossiers/${id}`)
      .set(await api.auth(desk))
      .expect(200);
    return dossier.body as {
      id: string;
      code: string;
      receivedAt: string;
      countingStartedAt: string;
      appointmentAt: string;
      ruleSetId: string;
    };
  }

  const birth = (wallTime: string) => acceptAt(wallTime, BIRTH, ['TK', 'GCS']);

  it('14:59 / 15:00 / 15:01 on the Friday before the swapped Saturday 26 Apr 2025 (1 working day)', async () => {
    // Thu 24 Apr 14:59: Thu 14:59–17:00 = 2 h 01; Fri 07:00–11:30 = 4 h 30 (6 h 31); 13:30 + 1 h 29 → Fri 14:59.
    const thursday = await birth('2025-04-24T14:59:00');
    expect(thursday.ruleSetId).toBe('ND61-2018');
    expect(thursday.countingStartedAt).toBe(iso('2025-04-24T14:59:00'));
    expect(thursday.appointmentAt).toBe(iso('2025-04-25T14:59:00'));
    // Fri 25 Apr 15:00 is not after the cut-off: 2 h Fri; Sat 26 Apr is worked (swap): 4 h 30 (6 h 30); 13:30 + 1 h 30
    // → Sat 26 Apr 15:00.
    const atCutoff = await birth('2025-04-25T15:00:00');
    expect(atCutoff.countingStartedAt).toBe(iso('2025-04-25T15:00:00'));
    expect(atCutoff.appointmentAt).toBe(iso('2025-04-26T15:00:00'));
    // Fri 25 Apr 15:01 is after it: counted from the next working day, Sat 26 Apr 07:00 → 17:00.
    const afterCutoff = await birth('2025-04-25T15:01:00');
    expect(afterCutoff.countingStartedAt).toBe(iso('2025-04-26T07:00:00'));
    expect(afterCutoff.appointmentAt).toBe(iso('2025-04-26T17:00:00'));
    // The sequence restarts per day and agency; the date is the reception date.
    expect(atCutoff.code).toMatch(/^000\.21\.12\.H62-250425-\d{4}$/);
  });

  it('after the cut-off on Tue 29 Apr 2025: 30 Apr, 1 May, the swapped Fri 2 May and the weekend are skipped', async () => {
    // Tue 29 Apr 15:01 → next working day: Wed 30 Apr, Thu 1 May holidays, Fri 2 May off (swap), Sat 3, Sun 4 →
    // Mon 5 May 07:00 + 8 h → Mon 5 May 17:00.
    const dossier = await birth('2025-04-29T15:01:00');
    expect(dossier.countingStartedAt).toBe(iso('2025-05-05T07:00:00'));
    expect(dossier.appointmentAt).toBe(iso('2025-05-05T17:00:00'));
  });

  it('the day before the Tết 2025 break, and a reception at 06:59 local (still the previous day in UTC)', async () => {
    // Fri 24 Jan 14:59: 2 h 01 Fri; off Sat 25 Jan – Sun 2 Feb; Mon 3 Feb 07:00 + 5 h 59: 4 h 30 to 11:30, 13:30 +
    // 1 h 29 → Mon 3 Feb 14:59.
    const beforeTet = await birth('2025-01-24T14:59:00');
    expect(beforeTet.appointmentAt).toBe(iso('2025-02-03T14:59:00'));
    expect(beforeTet.code).toMatch(/-250124-\d{4}$/);
    // Mon 5 May 2025 06:59 local = Sun 4 May 23:59 UTC: the code carries the local date 250505; counting starts at the
    // opening 07:00 → 17:00 the same day.
    const early = await birth('2025-05-05T06:59:00');
    expect(early.receivedAt).toBe('2025-05-04T23:59:00.000Z');
    expect(early.code).toMatch(/-250505-\d{4}$/);
    expect(early.countingStartedAt).toBe(iso('2025-05-05T07:00:00'));
    expect(early.appointmentAt).toBe(iso('2025-05-05T17:00:00'));
  });

  it('a supplement across Tết 2025: restart (NĐ 61/2018) counts the full 5 days again from the completed dossier', async () => {
    const procedureId = catalog.procedures.get(BIRTH_LINKED)!.id;
    await moveTo('2025-01-20T07:30:00');
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
    // Mon 20 Jan 08:00, 40 h: Mon 7 h, Tue–Fri 24 Jan 32 h (39 h), Tết break, Mon 3 Feb 07:00 + 1 h → 08:00.
    const dossier = await acceptAt('2025-01-20T08:00:00', BIRTH_LINKED, ['TK', 'GCS', 'TKBHYT']);
    expect(dossier.appointmentAt).toBe(iso('2025-02-03T08:00:00'));
    await services.waitUntilIdle();

    // Supplement asked Wed 22 Jan 10:00 (within 3 working days of the hand-over), completed Thu 6 Feb 09:00.
    await moveTo('2025-01-22T10:00:00');
    const step = await api.openStep(officer, dossier.id, 'appraisal');
    expect((await api.complete(officer, step.id, 'request-supplement', 'Thiếu bản chính giấy chứng sinh')).status).toBe(
      200,
    );
    await services.waitUntilIdle();
    await moveTo('2025-02-06T09:00:00');
    const received = await api
      .http()
      .post(`/dossiers/${dossier.id}/supplement-received`)
      .set(await api.auth(desk))
      .send({ note: 'Đã nhận bản chính' })
      .expect(200);
    // Restart: 40 h from Thu 6 Feb 09:00: Thu 6 h, Fri 8 (14), Mon 10 8 (22), Tue 11 8 (30), Wed 12 8 (38), Thu 13 Feb
    // 07:00 + 2 h → 09:00.
    expect(received.body.appointmentAt).toBe(iso('2025-02-13T09:00:00'));
  });
  it('a period not over yet is judged now: the month’s open dossier due next week is not overdue (June 2025)', async () => {
    // Mon 2 Jun 09:00 + 1 day → due Tue 3 Jun 09:00; Wed 11 Jun 08:00 + 1 day → due Thu 12 Jun 08:00. Asked on Wed 11 Jun
    // 09:00 for the whole of June, both still open: the first is overdue (3 Jun < 11 Jun) and late for QĐ 766, the second
    // is neither (not due yet). Judged at the end of 30 Jun instead, both would be overdue: on time 0/2, not 1/2.
    const procedureId = catalog.procedures.get(MARRIAGE)!.id;
    const first = await acceptAt('2025-06-02T09:00:00', MARRIAGE, ['TK']);
    expect(first.appointmentAt).toBe(iso('2025-06-03T09:00:00'));
    const second = await acceptAt('2025-06-11T08:00:00', MARRIAGE, ['TK']);
    expect(second.appointmentAt).toBe(iso('2025-06-12T08:00:00'));
    await moveTo('2025-06-11T09:00:00');
    await services.waitUntilIdle();
    // The indicators are a projection fed by an event subscriber, not by a queue: wait for it as well (it lags behind
    // any transaction open in the cluster, e.g. another test file's).
    await services.workflow.get(SubscriberRunnerService).runner.drain();
    const supervisor = await api.auth(catalog.actor(PROVINCE, 'supervisor'));
    const query = { from: '2025-06-01', to: '2025-06-30', procedureId };
    const indicators = await api.http().get('/indicators').query(query).set(supervisor).expect(200);
    expect(indicators.body.to).toBe('2025-06-30');
    const onTime = indicators.body.indicators.find((value: { id: string }) => value.id === 'onTime');
    expect(onTime).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(onTime.details).toMatchObject({ inProgressOnTime: 1, inProgressLate: 1, score: 10 });
    const report = await api.http().get('/reports/resolution').query(query).set(supervisor).expect(200);
    expect(report.body.to).toBe('2025-06-30');
    expect(report.body.total.received.total).toBe(2);
    expect(report.body.total.inProgress).toEqual({ total: 2, withinTime: 1, overdue: 1 });
  });
});
