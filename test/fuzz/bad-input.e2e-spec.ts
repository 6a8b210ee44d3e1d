import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { authHeader, registerActors } from '../dossier/support/act-as';
import { createTestUser } from '../support/auth';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { countWrites, installWriteCounter, WriteCounts, writesBetween } from './support/write-counter';

/**
 * Issue #10: every cause of a 500 the outside fuzz test found, one request each — answered 4xx with a
 * JSON message that says what is wrong, and nothing written. (The property-based sweep over every route is
 * route-fuzz.e2e-spec.ts; this file pins the causes seen.)
 */
const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';

describe('bad input gives a 4xx that says what is wrong, never a 500 (issue #10)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let desk: Actor;
  let admin: Actor;
  let officer: Actor;
  let before: WriteCounts;
  const http = () => request(services.api.getHttpServer());

  const birth = (overrides: Record<string, unknown> = {}) => ({
    procedureId: catalog.procedures.get(BIRTH)!.id,
    channel: 'in-person',
    applicant: { name: 'Nguyễn Thị Hương', identityNumber: '001190012345', address: 'Thôn Đông', phone: '0912345678' },
    documents: [
      { code: 'TK', form: 'original', count: 1 },
      { code: 'GCS', form: 'original', count: 1 },
    ],
    outcome: 'accept',
    ...overrides,
  });
  const intake = (body: unknown) =>
    http()
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', randomUUID())
      .send(body as object);
  const portal = (body: unknown) =>
    http()
      .post('/portal/dossiers')
      .set('Idempotency-Key', randomUUID())
      .send({ ...(body as object), receivingAgencyId: catalog.agencies.get(COMMUNE)!.id });

  /** A refusal: the status, a JSON body with a message naming the problem. */
  function expectRefused(response: request.Response, status: number | number[], message?: RegExp): void {
    const statuses = Array.isArray(status) ? status : [status];
    if (!statuses.includes(response.status))
      throw new Error(`expected ${statuses.join('/')}, got ${response.status}: ${JSON.stringify(response.body)}`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const text = JSON.stringify(response.body.message);
    expect(text.length).toBeGreaterThan(5);
    if (message) expect(text).toMatch(message);
  }

  beforeAll(async () => {
    services = await startTestServices({ PUBLIC_THROTTLE_LIMIT: '10000' });
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    officer = catalog.actor(COMMUNE, 'agency_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    await registerActors(services, desk, admin, officer);
    await installWriteCounter(services.dataSource);
  });

  // A refused request writes nothing (tests marked "(writes)" make a dossier on purpose).
  beforeEach(async () => {
    before = await countWrites(services.dataSource);
  });
  afterEach(async () => {
    if (expect.getState().currentTestName?.includes('(writes)')) return;
    expect(writesBetween(before, await countWrites(services.dataSource))).toEqual({});
  });

  afterAll(async () => {
    await services?.close();
  });

  it('JSON nested 2,000 levels deep: 400 (the validation pipe would overflow its stack)', async () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const response = await http()
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send(`{"procedureId":"x","applicant":${deep}}`);
    expectRefused(response, 400, /nested deeper than/);
  });

  it('a body over the limit: 413', async () => {
    const response = await intake(birth({ refusalReason: 'x'.repeat(1_100_000) }));
    expectRefused(response, 413, /larger than the limit/);
  });

  it('JSON in another charset (application/json; charset=latin1): 415', async () => {
    const response = await http()
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json; charset=latin1')
      .send(JSON.stringify(birth()));
    expectRefused(response, 415, /UTF-8/);
  });

  it('malformed JSON: 400', async () => {
    const response = await http().post('/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expectRefused(response, 400, /JSON/);
  });

  it('a URL over the 16 KB header limit: 431 as JSON (Node refuses it before Express)', async () => {
    const response = await http()
      .get(`/dossiers?code=${'x'.repeat(20_000)}`)
      .set(authHeader(desk));
    expectRefused(response, 431, /too large/);
  });

  it('an array where a DTO object is expected, and a body of 100,000 values: 400 (no DTO per element)', async () => {
    const login = (body: string) => http().post('/auth/login').set('Content-Type', 'application/json').send(body);
    expectRefused(await login('[{"username":"a","password":"b"}]'), 400, /must be a JSON object/);
    expectRefused(await login('[' + '1,'.repeat(100_000) + '1]'), 400, /more than 10000 values/);
  });

  it('NUL in a body string, a query string and a path: 400 before Postgres', async () => {
    expectRefused(await intake(birth({ applicant: { ...birth().applicant, name: 'An\u0000' } })), 400, /NUL/);
    expectRefused(await http().get('/dossiers').query({ applicantName: 'An\u0000' }).set(authHeader(desk)), 400, /NUL/);
    expectRefused(await http().get('/public/dossiers/AB%00CD').query({ secret: 'AAAAAAAAAA' }), 400, /NUL/);
  });

  it('lone surrogates and invalid percent-encoding: 400', async () => {
    expectRefused(await intake(birth({ applicant: { ...birth().applicant, name: 'An\uD800' } })), 400, /surrogate/);
    expectRefused(await http().get('/public/dossiers/%E0%A4%A').query({ secret: 'AAAAAAAAAA' }), 400);
  });

  it('a __proto__ key: 400', async () => {
    const response = await http()
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(birth()).replace('{', '{"__proto__":{"isAdmin":true},'));
    expectRefused(response, 400, /__proto__/);
  });

  it('compact and impossible dates: 400 naming the field', async () => {
    expectRefused(await intake(birth({ channel: 'postal', receivedAt: '20261126' })), 400, /receivedAt/);
    expectRefused(
      await intake(birth({ channel: 'postal', receivedAt: '2026-02-30T08:00:00+07:00' })),
      400,
      /receivedAt/,
    );
    const list = (query: Record<string, string>) => http().get('/dossiers').query(query).set(authHeader(desk));
    expectRefused(await list({ receivedFrom: '20261126' }), 400, /receivedFrom/);
    expectRefused(
      await http().get('/calendar/days').query({ from: '2026-02-30', to: '2026-03-31' }).set(authHeader(desk)),
      400,
      /from/,
    );
    expectRefused(
      await http().get('/inbox/steps').query({ deadlineBefore: '20261126' }).set(authHeader(officer)),
      400,
      /deadlineBefore/,
    );
  });

  it.each([
    ['missing', undefined],
    ['an array', [{ name: 'x' }]],
    ['an empty array', []],
    ['a string', 'Nguyễn'],
    ['null', null],
  ])('applicant %s on desk and portal intake: 400 naming applicant', async (_label, applicant) => {
    expectRefused(await intake(birth({ applicant })), 400, /applicant/);
    expectRefused(await portal(birth({ applicant, channel: undefined, outcome: undefined })), 400, /applicant/);
  });

  it('tiny and huge numbers: 400 (a validator must not crash, an integer column must not overflow)', async () => {
    for (const count of [1e-7, 5e-324, 1e21, -1e21])
      expectRefused(await intake(birth({ documents: [{ code: 'TK', form: 'original', count }] })), 400, /count/);
    const version = '{"version":1e21}';
    const claim = await http()
      .post(`/inbox/steps/${randomUUID()}/claim`)
      .set(authHeader(officer))
      .set('Content-Type', 'application/json')
      .send(version);
    expectRefused(claim, 400, /version/);
    const infinite = await http()
      .post(`/inbox/steps/${randomUUID()}/claim`)
      .set(authHeader(officer))
      .set('Content-Type', 'application/json')
      .send('{"version":1e999}');
    expectRefused(infinite, 400, /finite/);
  });

  it('null for a required field on PATCH: 400 naming it', async () => {
    const agency = catalog.agencies.get(COMMUNE)!.id;
    const procedure = catalog.procedures.get(BIRTH)!.id;
    expectRefused(
      await http().patch(`/admin/agencies/${agency}`).set(authHeader(admin)).send({ name: null }),
      400,
      /name/,
    );
    expectRefused(
      await http().patch(`/admin/procedures/${procedure}`).set(authHeader(admin)).send({ name: null }),
      400,
      /name/,
    );
    expectRefused(
      await http().patch(`/admin/procedures/${procedure}`).set(authHeader(admin)).send({ feeRule: null }),
      400,
      /feeRule/,
    );
  });

  it('malformed ids in path and body: 400', async () => {
    expectRefused(await http().get('/dossiers/not-a-uuid').set(authHeader(desk)), 400);
    expectRefused(await intake(birth({ procedureId: 'not-a-uuid' })), 400, /procedureId/);
  });

  it('unknown referenced ids: 404, not a foreign-key 500', async () => {
    expectRefused(await intake(birth({ procedureId: randomUUID() })), [404, 400]);
    expectRefused(
      await http()
        .post('/admin/agencies')
        .set(authHeader(admin))
        .send({ identifier: '000.99.99.H62', name: 'Xã thử', level: 'commune', parentId: randomUUID() }),
      [404, 400],
    );
    const procedure = catalog.procedures.get(BIRTH)!.id;
    expectRefused(
      await http()
        .patch(`/admin/procedures/${procedure}`)
        .set(authHeader(admin))
        .send({ handlingAgencyId: randomUUID() }),
      [404, 400],
    );
  });

  it('an error on a PDF route is JSON with a JSON content type and no attachment header', async () => {
    for (const form of ['receipt.pdf', 'refusal.pdf', 'supplement-request.pdf', 'control-slip.pdf']) {
      const response = await http().get(`/dossiers/${randomUUID()}/${form}`).set(authHeader(desk));
      expectRefused(response, 404);
      expect(response.headers['content-disposition']).toBeUndefined();
    }
  });

  it('Cache-Control: no-store on tokens, personal JSON, PDFs, the citizen lookup and errors (writes)', async () => {
    const user = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: catalog.agencies.get(COMMUNE)!.id,
    });
    const login = await http().post('/auth/login').send({ username: user.username, password: user.password });
    expect(login.status).toBe(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const created = await intake(birth()).expect(201);
    const responses = {
      login,
      dossier: await http().get(`/dossiers/${created.body.id}`).set(authHeader(desk)),
      pdf: await http().get(`/dossiers/${created.body.id}/receipt.pdf`).set(authHeader(desk)),
      lookup: await http()
        .post(`/public/dossiers/${encodeURIComponent(created.body.code)}`)
        .send({ secret: created.body.lookupSecret }),
      error: await http().get('/dossiers/not-a-uuid').set(authHeader(desk)),
    };
    expect(responses.pdf.headers['content-type']).toBe('application/pdf');
    expect(Object.fromEntries(Object.entries(responses).map(([name, response]) => [name, response.status]))).toEqual({
      login: 200,
      dossier: 200,
      pdf: 200,
      lookup: 200,
      error: 400,
    });
    for (const response of Object.values(responses)) expect(response.headers['cache-control']).toBe('no-store');
  });
});
