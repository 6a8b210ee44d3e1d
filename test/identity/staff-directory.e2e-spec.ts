import request from 'supertest';
import { CATALOG_SEED } from '@motcua/persistence';
import { authHeader, createTestUser, TestUser } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';

const LAND_OFFICE = '000.02.02.H62';
const NATURAL_RESOURCES = '000.00.02.H62';

/**
 * Issue 13 (agency inbox: assign, bulk reassign): the staff directory a lead picks an assignee from — enabled
 * colleagues of the caller's own agency only (never a child or another agency), filtered by role and name, paginated.
 */
describe('staff directory (issue 13)', () => {
  let services: TestServices;
  let lead: TestUser;
  let officer: TestUser;
  let disabled: TestUser;
  let other: TestUser;
  let child: TestUser;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices();
    await services.dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
    const agency = async (identifier: string): Promise<string> =>
      (await services.dataSource.query(`SELECT id FROM agency WHERE identifier = $1`, [identifier]))[0].id;
    const land = await agency(LAND_OFFICE);
    const resources = await agency(NATURAL_RESOURCES);
    lead = await createTestUser(services.dataSource, {
      roles: ['agency_lead'],
      agencyId: land,
      displayName: 'Lê Lãnh Đạo',
    });
    officer = await createTestUser(services.dataSource, {
      roles: ['agency_officer'],
      agencyId: land,
      displayName: 'Trần Chuyên Viên',
    });
    disabled = await createTestUser(services.dataSource, { roles: ['agency_officer'], agencyId: land, active: false });
    other = await createTestUser(services.dataSource, { roles: ['agency_officer'], agencyId: resources });
    // The land office is a child of natural resources: a lead there must not see the child's staff either.
    child = officer;
  });

  afterAll(async () => {
    await services?.close();
  });

  it("lists the enabled colleagues of the caller's own agency only", async () => {
    const page = await http()
      .get('/staff')
      .set(await authHeader(services, lead))
      .expect(200);
    const ids = page.body.items.map((item: { id: string }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([lead.id, officer.id]));
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(other.id);
    expect(page.body).toMatchObject({ total: ids.length, page: 1 });
    expect(Object.keys(page.body.items[0]).sort()).toEqual(['displayName', 'id', 'roles', 'username']);

    const upstream = await http()
      .get('/staff')
      .set(await authHeader(services, other))
      .expect(200);
    expect(upstream.body.items.map((item: { id: string }) => item.id)).not.toContain(child.id);
  });

  it('filters by role and by part of the name, and pages', async () => {
    const officers = await http()
      .get('/staff')
      .query({ role: 'agency_officer' })
      .set(await authHeader(services, lead))
      .expect(200);
    expect(officers.body.items.map((item: { id: string }) => item.id)).toEqual([officer.id]);
    const byName = await http()
      .get('/staff')
      .query({ search: 'chuyên' })
      .set(await authHeader(services, lead))
      .expect(200);
    expect(byName.body.items.map((item: { id: string }) => item.id)).toEqual([officer.id]);
    const first = await http()
      .get('/staff')
      .query({ pageSize: 1 })
      .set(await authHeader(services, lead))
      .expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.total).toBe(2);
  });

  it.each([
    [{ role: 'king' }, /role must be one of/],
    [{ pageSize: '1000' }, /pageSize/],
    [{ search: 'x'.repeat(101) }, /search/],
  ])('refuses %j with a 400 naming the field', async (query, message) => {
    const refused = await http()
      .get('/staff')
      .query(query)
      .set(await authHeader(services, lead))
      .expect(400);
    expect(JSON.stringify(refused.body.message)).toMatch(message);
  });
});
