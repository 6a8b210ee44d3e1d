import request from 'supertest';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { acceptDossier } from './support/citizen-fixture';

/**
 * Issue 14, the status page's API: code + secret → status in plain words, appointment, public timeline, actions;
 * nothing personal or internal; a wrong secret answers exactly like an unknown code; throttled per address.
 */
describe('citizen status page API (issue 14)', () => {
  let services: TestServices;
  let desk: Actor;
  let procedureId: string;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', PUBLIC_THROTTLE_LIMIT: '6' });
    const workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    const admin = catalog.actor('000.00.00.H62', 'admin');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.setClock(admin, '2026-11-23T01:00:00Z');
    await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  });

  afterAll(async () => {
    await services?.close();
  });

  it('answers the plain-words view, the same 404 for wrong secret and unknown code, then 429', async () => {
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Bùi Văn Khoa',
      identityNumber: '001090000601',
      email: 'khoa.bui@example.vn',
    });
    await services.waitUntilIdle();
    const view = await http()
      .post(`/public/dossiers/${dossier.code}/status-page`)
      .send({ secret: dossier.lookupSecret });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      code: dossier.code,
      status: 'processing',
      statusText: 'Đang giải quyết',
      needed: [],
      actions: { pay: null, download: false, rate: false },
      rating: null,
    });
    expect(view.body.appointmentAt).toEqual(expect.any(String));
    expect(view.body.timeline.map((entry: { text: string }) => entry.text)).toEqual([
      expect.stringMatching(/^Đã tiếp nhận hồ sơ, hẹn trả kết quả \d{2}:\d{2} ngày/),
      'Đang giải quyết',
    ]);
    // Nothing about the applicant or the staff.
    const text = JSON.stringify(view.body);
    for (const secretive of ['Bùi Văn Khoa', '001090000601', 'khoa.bui@example.vn', '0912345678', dossier.id]) {
      expect(text).not.toContain(secretive);
    }

    const wrong = await http().post(`/public/dossiers/${dossier.code}/status-page`).send({ secret: 'WRONGSECRET1' });
    const unknown = await http()
      .post(`/public/dossiers/000.00.12.H62-991231-9999/status-page`)
      .send({ secret: 'WRONGSECRET1' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect(
      (await http().post(`/public/dossiers/${dossier.code}/status-page`).send({ secret: '<script>' })).status,
    ).toBe(400);

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push(
        (await http().post(`/public/dossiers/${dossier.code}/status-page`).send({ secret: dossier.lookupSecret }))
          .status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429)).every((status) => status === 429)).toBe(true);
  });
});
