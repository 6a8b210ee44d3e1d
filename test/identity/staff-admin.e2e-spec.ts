import request from 'supertest';
import { CATALOG_SEED } from '@motcua/persistence';
import { authHeader, createTestUser, TestUser } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';

const COMMUNE = '000.21.12.H62';
const LAND_OFFICE = '000.02.02.H62';
const PROVINCE = '000.00.00.H62';

/** Issue 10: staff administration — accounts created, changed, disabled, re-enabled, reset; every change audited. */
describe('staff administration (issue 10)', () => {
  let services: TestServices;
  let admin: TestUser;
  let agencies: Map<string, string>;
  const http = () => request(services.api.getHttpServer());
  const asAdmin = async () => authHeader(services, admin);

  beforeAll(async () => {
    services = await startTestServices({ LOGIN_THROTTLE_LIMIT: '1000' });
    await services.dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
    const rows: Array<{ id: string; identifier: string }> = await services.dataSource.query(
      `SELECT id, identifier FROM agency`,
    );
    agencies = new Map(rows.map((row) => [row.identifier, row.id]));
    admin = await createTestUser(services.dataSource, { roles: ['admin'], agencyId: agencies.get(PROVINCE)! });
    adminHeader = await asAdmin();
  });

  afterAll(async () => {
    await services?.close();
  });

  let adminHeader: { Authorization: string };
  const create = (username: string, roles: string[] = ['desk_officer'], agency = COMMUNE) =>
    http()
      .post('/admin/users')
      .set(adminHeader)
      .send({ username, displayName: 'Nguyễn Thị Lan', roles, agencyId: agencies.get(agency) });

  it('creates an account with a one-time password that only allows choosing a new password', async () => {
    const created = (await create('lan.anhoa').expect(201)).body;
    expect(created.user).toMatchObject({ username: 'lan.anhoa', roles: ['desk_officer'], mustChangePassword: true });
    expect(JSON.stringify(created.user)).not.toMatch(/argon2|password_hash|passwordHash/);
    const session = (
      await http().post('/auth/login').send({ username: 'lan.anhoa', password: created.oneTimePassword }).expect(200)
    ).body;
    expect(session.passwordChangeRequired).toBe(true);
    const bearer = { Authorization: `Bearer ${session.accessToken}` };
    await http().get('/auth/me').set(bearer).expect(200);
    const blocked = await http().get('/inbox/steps').set(bearer).expect(403);
    expect(blocked.body.message).toMatch(/one-time password: choose a new password first/);
    const changed = (
      await http()
        .post('/auth/password')
        .set(bearer)
        .send({ currentPassword: created.oneTimePassword, newPassword: 'quiet-harbour-58-lime' })
        .expect(200)
    ).body;
    expect(changed.passwordChangeRequired).toBe(false);
    await http()
      .get('/inbox/steps')
      .set({ Authorization: `Bearer ${changed.accessToken}` })
      .expect(200);
  });

  it('refuses a taken username (409), an unknown agency (404) and an unknown role (400)', async () => {
    await create('dup.user').expect(201);
    await create('DUP.user').expect(409);
    await http()
      .post('/admin/users')
      .set(await asAdmin())
      .send({ username: 'x.user', displayName: 'X', roles: ['desk_officer'], agencyId: admin.id })
      .expect(404);
    await create('y.user', ['superuser']).expect(400);
  });

  it('lists accounts with pagination and filters', async () => {
    for (const name of ['page.a', 'page.b', 'page.c']) await create(name, ['agency_officer'], LAND_OFFICE).expect(201);
    const first = (
      await http()
        .get('/admin/users')
        .set(await asAdmin())
        .query({ search: 'page.', pageSize: 2 })
        .expect(200)
    ).body;
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((user: { username: string }) => user.username)).toEqual(['page.a', 'page.b']);
    const second = (
      await http()
        .get('/admin/users')
        .set(await asAdmin())
        .query({ search: 'page.', pageSize: 2, page: 2 })
        .expect(200)
    ).body;
    expect(second.items.map((user: { username: string }) => user.username)).toEqual(['page.c']);
    const byAgency = (
      await http()
        .get('/admin/users')
        .set(await asAdmin())
        .query({ agencyId: agencies.get(LAND_OFFICE), role: 'agency_officer' })
        .expect(200)
    ).body;
    expect(byAgency.total).toBe(3);
    await http()
      .get('/admin/users')
      .set(await asAdmin())
      .query({ pageSize: 1000 })
      .expect(400);
  });

  it('changes roles and agency, disables (tokens stop at once), re-enables and resets — each an audit event', async () => {
    const user = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: agencies.get(COMMUNE)!,
      password: 'granite-willow-64-fern',
    });
    const session = (
      await http().post('/auth/login').send({ username: user.username, password: user.password }).expect(200)
    ).body;
    const bearer = { Authorization: `Bearer ${session.accessToken}` };
    const updated = (
      await http()
        .patch(`/admin/users/${user.id}`)
        .set(await asAdmin())
        .send({ roles: ['agency_lead'], agencyId: agencies.get(LAND_OFFICE) })
        .expect(200)
    ).body;
    expect(updated).toMatchObject({ roles: ['agency_lead'], agencyIdentifier: LAND_OFFICE });
    expect((await http().get('/auth/me').set(bearer).expect(200)).body.roles).toEqual(['agency_lead']);

    await http()
      .post(`/admin/users/${user.id}/disable`)
      .set(await asAdmin())
      .send({ reason: 'Chuyển công tác' })
      .expect(200);
    await http().get('/auth/me').set(bearer).expect(401);
    await http().post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: user.password }).expect(401);

    await http()
      .post(`/admin/users/${user.id}/enable`)
      .set(await asAdmin())
      .expect(200);
    const again = (
      await http().post('/auth/login').send({ username: user.username, password: user.password }).expect(200)
    ).body;

    const reset = (
      await http()
        .post(`/admin/users/${user.id}/reset-password`)
        .set(await asAdmin())
        .expect(200)
    ).body;
    expect(reset.user.mustChangePassword).toBe(true);
    await http().post('/auth/refresh').send({ refreshToken: again.refreshToken }).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: user.password }).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: reset.oneTimePassword }).expect(200);

    const audit = (
      await http()
        .get(`/admin/users/${user.id}/audit-events`)
        .set(await asAdmin())
        .expect(200)
    ).body;
    expect(audit.items.map((event: { action: string }) => event.action)).toEqual([
      'password-reset',
      'enabled',
      'disabled',
      'updated',
    ]);
    expect(audit.items[2].details).toEqual({ reason: 'Chuyển công tác' });
    expect(audit.items[3].details.roles).toEqual({ from: ['desk_officer'], to: ['agency_lead'] });
    expect(audit.items.every((event: { actorUserId: string }) => event.actorUserId === admin.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(reset.oneTimePassword);
  });

  it('an admin cannot disable their own account or drop their own admin role; unknown users are 404', async () => {
    await http()
      .post(`/admin/users/${admin.id}/disable`)
      .set(await asAdmin())
      .send({})
      .expect(422);
    await http()
      .patch(`/admin/users/${admin.id}`)
      .set(await asAdmin())
      .send({ roles: ['supervisor'] })
      .expect(422);
    await http()
      .get(`/admin/users/${agencies.get(COMMUNE)}`)
      .set(await asAdmin())
      .expect(404);
  });
});
