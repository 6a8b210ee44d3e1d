import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { startTestServices, TestServices } from '../support/test-services';
import { authHeader, registerActors } from './support/act-as';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

const COMMUNE = '000.21.12.H62'; // district A
const SISTER_COMMUNE = '000.22.12.H62'; // district A
const OTHER_COMMUNE = '000.21.13.H62'; // district B
const DISTRICT = '000.00.12.H62';
const BIRTH = '1.001193';
const NOW = '2025-11-03T10:00:00+07:00';

interface Item {
  id: string;
  code: string;
  status: string;
  channel: string;
  applicantName: string;
  receivedAt: string;
  receivingAgencyId: string;
}

describe('desk dossier list GET /dossiers (scope-filtered, paginated)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let desk: Actor;
  let sisterDesk: Actor;
  let otherDesk: Actor;
  let officer: Actor;
  let supervisor: Actor;
  let admin: Actor;
  const own: Record<string, { id: string; code: string; status: string }> = {};
  let sisterId: string;
  let otherId: string;

  const http = () => request(services.api.getHttpServer());
  const list = (actor: Actor, query: Record<string, string | number> = {}) =>
    http().get('/dossiers').set(authHeader(actor)).query(query);
  const register = async (actor: Actor, overrides: Record<string, unknown> = {}) => {
    const body = {
      procedureId: catalog.procedures.get(BIRTH)!.id,
      channel: 'in-person',
      applicant: {
        name: 'Nguyễn Thị Hương',
        identityNumber: '001190012345',
        address: 'Thôn Đông',
        phone: '0912345678',
      },
      documents: [
        { code: 'TK', form: 'original', count: 1 },
        { code: 'GCS', form: 'original', count: 1 },
      ],
      outcome: 'accept',
      ...overrides,
    };
    const response = await http()
      .post('/dossiers')
      .set(authHeader(actor))
      .set('Idempotency-Key', randomUUID())
      .send(body)
      .expect(201);
    return response.body as { id: string; code: string; status: string };
  };
  const ids = (items: Item[]) => items.map((item) => item.id).sort();

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    sisterDesk = catalog.actor(SISTER_COMMUNE, 'desk_officer');
    otherDesk = catalog.actor(OTHER_COMMUNE, 'desk_officer');
    officer = catalog.actor(COMMUNE, 'agency_officer');
    supervisor = catalog.actor(DISTRICT, 'supervisor');
    admin = catalog.actor('000.00.00.H62', 'admin');
    await registerActors(services, desk, sisterDesk, otherDesk, officer, supervisor, admin);
    await http().post('/admin/clock').set(authHeader(admin)).send({ at: NOW, frozen: true }).expect(200);

    own.accepted = await register(desk);
    own.postal = await register(desk, {
      channel: 'postal',
      receivedAt: '2025-11-01T09:00:00+07:00',
      applicant: { name: 'Trần Văn Nam', identityNumber: '001190054321', address: 'Thôn Tây', phone: '0912345679' },
    });
    own.refused = await register(desk, {
      outcome: 'refuse',
      refusalReason: 'Không thuộc thẩm quyền',
      applicant: { name: 'Lê Thị Lan', identityNumber: '001190011111', address: 'Thôn Bắc', phone: '0912345670' },
    });
    sisterId = (await register(sisterDesk)).id;
    otherId = (await register(otherDesk)).id;
  });

  afterAll(async () => {
    await services?.close();
  });

  it('lists only the own agency to its desk and officers, newest received first, with no secrets', async () => {
    const response = await list(desk).expect(200);
    expect(response.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    const items = response.body.items as Item[];
    expect(ids(items)).toEqual([own.accepted.id, own.postal.id, own.refused.id].sort());
    // received_at desc, then id: the two at NOW first (by id), the postal one (1 Nov) last.
    const sameInstant = [own.accepted.id, own.refused.id].sort();
    expect(items.map((item) => item.id)).toEqual([...sameInstant, own.postal.id]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'appointmentAt',
          'appointmentInForce',
          'applicantName',
          'channel',
          'clockStatus',
          'code',
          'id',
          'parentDossierId',
          'procedureId',
          'receivedAt',
          'receivingAgencyId',
          'status',
          'version',
        ].sort(),
      );
    }
    expect(JSON.stringify(response.body)).not.toMatch(/lookupSecret|idempotency|fingerprint|identityNumber/i);

    expect(ids((await list(officer).expect(200)).body.items)).toEqual(ids(items));
    const other = await list(otherDesk).expect(200);
    expect(other.body.total).toBe(1);
    expect(other.body.items.map((item: Item) => item.id)).toEqual([otherId]);
  });

  it('lists the district subtree to its supervisor and everything to the admin', async () => {
    const supervised = await list(supervisor, { pageSize: 100 }).expect(200);
    expect(ids(supervised.body.items)).toEqual([own.accepted.id, own.postal.id, own.refused.id, sisterId].sort());
    expect(supervised.body.total).toBe(4);
    const all = await list(admin, { pageSize: 100 }).expect(200);
    expect(all.body.total).toBe(5);
    expect(ids(all.body.items)).toContain(otherId);
  });

  it('filters by status, channel, procedure, code prefix, applicant name and received range', async () => {
    const only = async (query: Record<string, string | number>) =>
      ((await list(desk, query).expect(200)).body.items as Item[]).map((item) => item.id);
    expect(await only({ status: own.refused.status })).toEqual([own.refused.id]);
    expect(await only({ channel: 'postal' })).toEqual([own.postal.id]);
    expect((await only({ procedureId: catalog.procedures.get(BIRTH)!.id })).length).toBe(3);
    expect(await only({ procedureId: randomUUID() })).toEqual([]);
    expect(await only({ code: `${COMMUNE}-251101` })).toEqual([own.postal.id]);
    expect((await only({ code: `${COMMUNE}-2511` })).length).toBe(3);
    expect(await only({ code: '000.21.1_.H62' })).toEqual([]); // LIKE wildcards are literal
    expect(await only({ applicantName: 'văn NAM' })).toEqual([own.postal.id]);
    expect(await only({ applicantName: '%' })).toEqual([]);
    expect(await only({ receivedTo: '2025-11-02T00:00:00Z' })).toEqual([own.postal.id]);
    expect((await only({ receivedFrom: '2025-11-03T03:00:00Z', receivedTo: '2025-11-03T03:00:00Z' })).sort()).toEqual(
      [own.accepted.id, own.refused.id].sort(),
    );
    expect(await only({ status: own.refused.status, channel: 'postal' })).toEqual([]);
    // Another agency's filters never widen the scope.
    expect(((await list(otherDesk, { code: COMMUNE }).expect(200)).body.items as Item[]).length).toBe(0);
  });

  it('paginates with the total and refuses bad parameters (400 naming the field)', async () => {
    const first = await list(desk, { pageSize: 2, page: 1 }).expect(200);
    const second = await list(desk, { pageSize: 2, page: 2 }).expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);
    expect(ids([...first.body.items, ...second.body.items])).toEqual(
      [own.accepted.id, own.postal.id, own.refused.id].sort(),
    );

    expect(JSON.stringify((await list(desk, { pageSize: 101 }).expect(400)).body)).toContain('pageSize');
    expect(JSON.stringify((await list(desk, { status: 'lost' }).expect(400)).body)).toContain('status');
    expect(JSON.stringify((await list(desk, { receivedFrom: 'yesterday' }).expect(400)).body)).toContain(
      'receivedFrom',
    );
    expect(
      JSON.stringify(
        (await list(desk, { receivedFrom: '2025-11-03T00:00:00Z', receivedTo: '2025-11-02T00:00:00Z' }).expect(400))
          .body,
      ),
    ).toContain('receivedTo');
    await http().get('/dossiers').expect(401);
  });
});
