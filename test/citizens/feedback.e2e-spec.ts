import request from 'supertest';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { authHeaderForActor } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { acceptDossier, returnAtDesk } from './support/citizen-fixture';

/**
 * Issue 14, acceptance 3: a satisfaction rating once per dossier after its return (a second one → 409, by link or at
 * the desk); complaints about a dossier or an agency are due in working days, and one past its due instant appears in
 * the supervisors' late list (paginated { items, total, page, pageSize }) while one answered in time does not.
 */
describe('satisfaction ratings and complaints (issue 14, acceptance 3)', () => {
  let services: TestServices;
  let workflow: WorkflowHttp;
  let desk: Actor;
  let officer: Actor;
  let admin: Actor;
  let supervisor: Actor;
  let procedureId: string;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', PUBLIC_THROTTLE_LIMIT: '1000' });
    workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    officer = catalog.actor('000.21.12.H62', 'agency_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    supervisor = catalog.actor('000.00.00.H62', 'supervisor');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.setClock(admin, '2026-11-23T01:00:00Z'); // Monday 08:00 in Hà Nội
    await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  });

  afterAll(async () => {
    await services?.close();
  });

  it('rates once after return: before return 422, wrong secret 404, bad level 400, second rating 409', async () => {
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Phạm Văn Dũng',
      identityNumber: '001090000301',
    });
    const rate = (body: Record<string, unknown>) => http().post(`/public/dossiers/${dossier.code}/rating`).send(body);

    expect((await rate({ secret: dossier.lookupSecret, level: 'satisfied' })).status).toBe(422);
    await returnAtDesk(
      services,
      { desk, officer, admin },
      dossier.id,
      (duration) => workflow.advance(admin, duration),
      () => workflow.completeOpen(officer, dossier.id, 'process'),
    );
    expect(await workflow.dossierStatus(dossier.id)).toBe('returned');

    const wrongSecret = await rate({ secret: 'WRONGSECRET1', level: 'satisfied' });
    const unknownCode = await http()
      .post(`/public/dossiers/NOPE-000000-0000/rating`)
      .send({ secret: dossier.lookupSecret, level: 'satisfied' });
    expect([wrongSecret.status, unknownCode.status]).toEqual([404, 404]);
    expect(wrongSecret.body.message).toBe(unknownCode.body.message);
    expect((await rate({ secret: dossier.lookupSecret, level: 'happy' })).status).toBe(400);
    expect(
      (await rate({ secret: dossier.lookupSecret, level: 'satisfied', criteria: { speed: 'satisfied' } })).status,
    ).toBe(400);

    const first = await rate({
      secret: dossier.lookupSecret,
      level: 'very-satisfied',
      criteria: { officials: 'very-satisfied', result: 'satisfied' },
      comment: 'Cán bộ hướng dẫn tận tình',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ level: 'very-satisfied', via: 'link' });

    const second = await rate({ secret: dossier.lookupSecret, level: 'dissatisfied' });
    expect(second.status).toBe(409);
    const atDesk = await http()
      .post(`/dossiers/${dossier.id}/rating`)
      .set(await authHeaderForActor(services, desk))
      .send({ level: 'dissatisfied' });
    expect(atDesk.status).toBe(409);
    const stored = await services.dataSource.query(`SELECT level, via FROM satisfaction_rating WHERE dossier_id = $1`, [
      dossier.id,
    ]);
    expect(stored).toEqual([{ level: 'very-satisfied', via: 'link' }]);
    expect(await workflow.eventTypes(dossier.id)).toContain('satisfaction-rated');
  });

  it('lists a complaint past its working-day deadline in the supervisors’ late list; one answered in time is not', async () => {
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Hoàng Thị Em',
      identityNumber: '001190000302',
    });
    const aboutDossier = await http().post('/public/complaints').send({
      dossierCode: dossier.code,
      secret: dossier.lookupSecret,
      name: 'Hoàng Thị Em',
      contact: '0912000302',
      content: 'Hồ sơ chậm, chưa được hướng dẫn bổ sung',
    });
    expect(aboutDossier.status).toBe(201);
    expect(aboutDossier.body.agencyName).toBeTruthy();
    const aboutAgency = await http()
      .post('/public/complaints')
      .send({ agencyIdentifier: '000.21.12.H62', name: 'Vũ Văn Giang', content: 'Thái độ phục vụ chưa tốt' });
    expect(aboutAgency.status).toBe(201);
    // Due in 10 working days (COMPLAINT_ANSWER_WORKING_DAYS) from Monday 2026-11-23 (clock moved forward by the
    // earlier test; the due instant is counted in working time, so it lands on a weekday 14 calendar days later).
    const received = new Date(aboutAgency.body.receivedAt);
    const due = new Date(aboutAgency.body.dueAt);
    expect((due.getTime() - received.getTime()) / 86_400_000).toBeGreaterThanOrEqual(14);
    expect([1, 2, 3, 4, 5]).toContain(new Date(due.getTime() + 7 * 3600_000).getUTCDay());

    // Bad input: neither or both subjects, secret missing, wrong secret.
    const bad = await Promise.all([
      http().post('/public/complaints').send({ name: 'A B', content: 'Nội dung' }),
      http().post('/public/complaints').send({
        dossierCode: dossier.code,
        agencyIdentifier: '000.21.12.H62',
        secret: 'X1',
        name: 'A B',
        content: 'Nội dung',
      }),
      http().post('/public/complaints').send({ dossierCode: dossier.code, name: 'A B', content: 'Nội dung' }),
    ]);
    expect(bad.map((response) => response.status)).toEqual([400, 400, 400]);
    const wrong = await http()
      .post('/public/complaints')
      .send({ dossierCode: dossier.code, secret: 'WRONGSECRET1', name: 'A B', content: 'Nội dung' });
    expect(wrong.status).toBe(404);

    // The agency answers the one about itself in time.
    const answered = await http()
      .post(`/complaints/${aboutAgency.body.id}/answer`)
      .set(await authHeaderForActor(services, officer))
      .send({ answer: 'Đã chấn chỉnh cán bộ tiếp nhận' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', late: false });
    const again = await http()
      .post(`/complaints/${aboutAgency.body.id}/answer`)
      .set(await authHeaderForActor(services, officer))
      .send({ answer: 'Lần hai' });
    expect(again.status).toBe(409);

    const late = async (query: Record<string, string> = {}) =>
      http()
        .get('/complaints/late')
        .query(query)
        .set(await authHeaderForActor(services, supervisor));
    const before = await late();
    expect(before.status).toBe(200);
    expect(before.body.items.map((item: { id: string }) => item.id)).not.toContain(aboutDossier.body.id);

    await workflow.advance(admin, { days: 15 });
    const after = await late({ page: '1', pageSize: '50' });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ page: 1, pageSize: 50 });
    const ids = after.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(aboutDossier.body.id);
    expect(ids).not.toContain(aboutAgency.body.id);
    expect(after.body.total).toBe(after.body.items.length);
    expect(after.body.items.find((item: { id: string }) => item.id === aboutDossier.body.id)).toMatchObject({
      subject: 'dossier',
      dossierCode: dossier.code,
      status: 'received',
      late: true,
    });
    const paged = await late({ page: '1', pageSize: '1' });
    expect(paged.body.items).toHaveLength(1);
    expect((await late({ pageSize: '101' })).status).toBe(400);
    // Agency staff see their own complaints, not the late list.
    const own = await http()
      .get('/complaints')
      .set(await authHeaderForActor(services, officer));
    expect(own.status).toBe(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([aboutDossier.body.id, aboutAgency.body.id]),
    );
  });
});
