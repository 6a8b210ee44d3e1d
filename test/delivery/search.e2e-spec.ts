import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { DeliveryHttp } from './support/delivery-fixture';

/** Issue 12: dossier search within scope, accent-insensitive names. */
describe('dossier search (issue 12)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let desk: Actor;
  let otherDesk: Actor;
  let supervisor: Actor;
  let procedureId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    services = await startTestServices();
    http = new DeliveryHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    otherDesk = catalog.actor('000.21.13.H62', 'desk_officer');
    supervisor = catalog.actor('000.00.12.H62', 'supervisor');
    procedureId = catalog.procedures.get('1.001193')!.id;
    const a = await http.accept(desk, procedureId, ['TK', 'GCS'], {
      name: 'Nguyễn Văn Á',
      identityNumber: '001090000001',
      phone: '0912000001',
    });
    const b = await http.accept(desk, procedureId, ['TK', 'GCS'], {
      name: 'Trần Thị Đào',
      identityNumber: '001090000002',
      phone: '0912000002',
    });
    const c = await http.accept(otherDesk, procedureId, ['TK', 'GCS'], {
      name: 'Nguyễn Văn Ánh',
      identityNumber: '001090000003',
    });
    ids = { a: a.id, b: b.id, c: c.id, aCode: a.code };
  });

  afterAll(async () => {
    await services?.close();
  });

  async function search(actor: Actor, query: Record<string, string>) {
    return http
      .http()
      .get('/search/dossiers')
      .query(query)
      .set(await http.auth(actor));
  }

  it('finds "Nguyễn Văn Á" with "nguyen van a", in the desk\'s own agency only', async () => {
    const response = await search(desk, { name: 'nguyen van a' });
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([ids.a]);
    expect(response.body).toMatchObject({ page: 1, hasMore: false });
    // The other commune's "Nguyễn Văn Ánh" matches too, but only for that desk (and đ folds to d).
    expect(
      (await search(otherDesk, { name: 'NGUYEN VAN A' })).body.items.map((item: { id: string }) => item.id),
    ).toEqual([ids.c]);
    expect((await search(desk, { name: 'tran thi dao' })).body.items.map((item: { id: string }) => item.id)).toEqual([
      ids.b,
    ]);
  });

  it('searches by identity number, phone (0… or +84…), code prefix, status and procedure', async () => {
    const byId = (response: { body: { items: Array<{ id: string }> } }) => response.body.items.map((item) => item.id);
    expect(byId(await search(desk, { identityNumber: '001090000002' }))).toEqual([ids.b]);
    expect(byId(await search(desk, { phone: '+84912000001' }))).toEqual([ids.a]);
    expect(byId(await search(desk, { code: ids.aCode }))).toEqual([ids.a]);
    expect(byId(await search(desk, { status: 'returned' }))).toEqual([]);
    expect(new Set(byId(await search(desk, { procedureId })))).toEqual(new Set([ids.a, ids.b]));
    // A supervisor of district A sees its communes (A1), not district B's commune B1.
    expect(new Set(byId(await search(supervisor, { name: 'nguyen van' })))).toEqual(new Set([ids.a]));
  });

  it('refuses a too-short name and bad criteria with 400', async () => {
    expect((await search(desk, { name: 'ng' })).status).toBe(400);
    expect((await search(desk, { name: '...' })).status).toBe(400);
    expect((await search(desk, { name: "a%'; drop" })).status).toBe(400);
    expect((await search(desk, { pageSize: '500' })).status).toBe(400);
    expect(
      (await search(desk, { receivedFrom: '2026-02-01T00:00:00Z', receivedTo: '2026-01-01T00:00:00Z' })).status,
    ).toBe(400);
  });
});
