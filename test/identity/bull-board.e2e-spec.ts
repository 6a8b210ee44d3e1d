import request from 'supertest';
import { authHeader, createTestAgency, createTestUser } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';

describe('Bull Board behind admin authentication (issue 4)', () => {
  let services: TestServices;
  let disabled: TestServices;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices({ BULL_BOARD_ENABLED: 'true' });
    disabled = await startTestServices();
  });

  afterAll(async () => {
    await services?.close();
    await disabled?.close();
  });

  it('refuses anonymous (401) and non-admin (403) callers, serves admins by header or cookie', async () => {
    const agency = await createTestAgency(services.dataSource, { identifier: '000.21.12.H88' });
    const admin = await createTestUser(services.dataSource, { roles: ['admin'], agencyId: agency.id });
    const supervisor = await createTestUser(services.dataSource, { roles: ['supervisor'], agencyId: agency.id });
    await http().get('/admin/queues').expect(401);
    await http().get('/admin/queues/api/queues').expect(401);
    await http().get('/admin/queues').set('Authorization', 'Bearer nonsense').expect(401);
    await http()
      .get('/admin/queues/api/queues')
      .set(await authHeader(services, supervisor))
      .expect(403);
    const page = await http()
      .get('/admin/queues')
      .set(await authHeader(services, admin))
      .expect(200);
    expect(page.text).toContain('<html');
    const { Authorization } = await authHeader(services, admin);
    const api = await http()
      .get('/admin/queues/api/queues')
      .set('Cookie', `motcua_access_token=${encodeURIComponent(Authorization.slice('Bearer '.length))}`)
      .expect(200);
    const names = (api.body.queues as Array<{ name: string }>).map((queue) => queue.name);
    expect(names).toEqual(expect.arrayContaining(['workflow', 'system', 'agency.000.21.12.H88']));
  });

  it('is not mounted unless BULL_BOARD_ENABLED', async () => {
    const agency = await createTestAgency(disabled.dataSource, { identifier: '000.21.12.H89' });
    const admin = await createTestUser(disabled.dataSource, { roles: ['admin'], agencyId: agency.id });
    await request(disabled.api.getHttpServer())
      .get('/admin/queues')
      .set(await authHeader(disabled, admin))
      .expect(404);
  });
});
