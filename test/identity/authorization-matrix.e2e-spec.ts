import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CATALOG_SEED } from '@motcua/persistence';
import { Role, ROLES } from '../../apps/api/src/identity/access.decorator';
import { authHeader, createTestUser, TestUser } from '../support/auth';
import { installResponseScanner, ResponseScanner } from '../support/response-scanner';
import { startTestServices, TestServices } from '../support/test-services';

/**
 * Acceptance 1 (issue 4): the authorization matrix, generated from the OpenAPI document.
 *
 * Every route of the document must have a row in MATRIX (and every row must still exist), so a new route
 * without a row fails here. For each route: unauthenticated → 401; each role not allowed → 403; each allowed
 * role on an object of a foreign agency → 404 (no existence leak); each allowed role on its own object (or
 * on the route itself when there is no object) → neither 401, 403 nor 404.
 *
 * Adding a route = adding one row: `'METHOD /path/{param}': { roles: [...], object?, body?, params? }`.
 */

/** Agency-scoped objects a route's `{id}` can name; each has an own (actor's agency) and a foreign instance. */
type ObjectKind = 'dossier' | 'step-task' | 'dead-letter';

interface RouteRule {
  /** Roles the route allows, or 'public' (no account; verified otherwise, e.g. by a secret). */
  roles: readonly Role[] | 'public';
  /** The `{id}` path parameter names an agency-scoped object: foreign → 404 for every scoped role. */
  object?: ObjectKind;
  /** A valid body, so validation (400) cannot hide the scope check. */
  body?: (world: World) => Record<string, unknown>;
  /** Values for path parameters other than an object id (default: a random uuid). */
  params?: Record<string, string>;
  /** Extra query string. */
  query?: Record<string, string>;
}

const EVERYONE = ROLES;
const READERS = ROLES;

const MATRIX: Record<string, RouteRule> = {
  // health (foundation)
  'GET /health/live': { roles: 'public' },
  'GET /health/ready': { roles: 'public' },
  // identity (issue 4)
  'POST /auth/login': { roles: 'public', body: () => ({ username: 'nobody', password: 'x' }) },
  'POST /auth/refresh': { roles: 'public', body: () => ({ refreshToken: 'x'.repeat(43) }) },
  'POST /auth/logout': { roles: EVERYONE, body: () => ({ refreshToken: 'x'.repeat(43) }) },
  'POST /auth/password': {
    roles: EVERYONE,
    body: () => ({ currentPassword: 'wrong-password', newPassword: 'another-password-1' }),
  },
  'GET /auth/me': { roles: EVERYONE },
  'GET /public/dossiers/{code}': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    query: { secret: 'AAAAAAAAAA' },
  },
  'POST /public/dossiers/{code}': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    body: () => ({ secret: 'AAAAAAAAAA' }),
  },
  // payments (issue 11): gateway callbacks are public and verified by signature; citizens pay with code + secret
  'GET /payments/vnpay/ipn': { roles: 'public' },
  'GET /payments/vnpay/return': { roles: 'public' },
  'GET /payments/vnpay/return/outcome': { roles: 'public' },
  'POST /public/dossiers/{code}/payments/vnpay': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    body: () => ({ secret: 'AAAAAAAAAA' }),
  },
  'GET /dossiers/{id}/payments': {
    roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'],
    object: 'dossier',
  },
  'POST /dossiers/{id}/payments/desk': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ method: 'cash', receiptNumber: 'MATRIX-1', amount: 1000 }),
  },
  'POST /dossiers/{id}/payments/reissue': { roles: ['desk_officer'], object: 'dossier' },
  'GET /dossiers/{id}/payments/{requestId}/receipt': {
    roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'],
  },
  'GET /dossiers/{id}/payments/{requestId}/receipt.pdf': {
    roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'],
  },
  'POST /payments/refunds/{refundId}/confirm': { roles: ['desk_officer', 'agency_lead', 'supervisor'] },
  'GET /payments/reconciliation-report': {
    roles: ['desk_officer', 'agency_lead', 'supervisor', 'admin'],
    query: { date: '2027-12-06' },
  },
  // staff administration (issue 10): admin only; admins' scope is every agency
  'GET /admin/users': { roles: ['admin'] },
  'POST /admin/users': { roles: ['admin'], body: () => ({}) },
  'GET /admin/users/{id}': { roles: ['admin'] },
  'PATCH /admin/users/{id}': { roles: ['admin'], body: () => ({}) },
  'POST /admin/users/{id}/disable': { roles: ['admin'], body: () => ({}) },
  'POST /admin/users/{id}/enable': { roles: ['admin'] },
  'POST /admin/users/{id}/reset-password': { roles: ['admin'] },
  'GET /admin/users/{id}/audit-events': { roles: ['admin'] },
  // staff directory (issue 13): own agency's enabled colleagues
  'GET /staff': { roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor'] },
  // test clock (foundation; admin only)
  'GET /admin/clock': { roles: ['admin'] },
  'POST /admin/clock': { roles: ['admin'], body: () => ({ at: new Date().toISOString(), frozen: false }) },
  'POST /admin/clock/advance': { roles: ['admin'], body: () => ({ minutes: 0 }) },
  // event subscribers (issue 9; admin only)
  'GET /admin/subscribers': { roles: ['admin'] },
  // catalog and calendar (issue 3): nation-wide objects, not agency-scoped
  'GET /procedures': { roles: READERS },
  'GET /procedures/{id}': { roles: READERS },
  'POST /admin/procedures': { roles: ['admin'], body: () => ({}) },
  'PATCH /admin/procedures/{id}': { roles: ['admin'], body: () => ({}) },
  'GET /agencies': { roles: READERS },
  'POST /admin/agencies': { roles: ['admin'], body: () => ({}) },
  'PATCH /admin/agencies/{id}': { roles: ['admin'], body: () => ({}) },
  'GET /calendar/days': {
    roles: ['admin', 'desk_officer', 'agency_officer', 'agency_lead', 'supervisor'],
    query: { from: '2025-01-01', to: '2025-01-31' },
  },
  'PUT /admin/calendar/days/{date}': { roles: ['admin'], params: { date: '2031-01-01' }, body: () => ({}) },
  'DELETE /admin/calendar/days/{date}': { roles: ['admin'], params: { date: '2031-01-01' } },
  'GET /admin/calendar/recomputes/{id}': { roles: ['admin'] },
  // intake and dossiers (issue 3)
  'POST /dossiers': { roles: ['desk_officer'], body: () => ({}) },
  'POST /portal/dossiers': { roles: 'public', body: () => ({}) },
  'GET /dossiers': { roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'] },
  'GET /dossiers/{id}': { roles: ['desk_officer', 'agency_lead', 'supervisor'], object: 'dossier' },
  'POST /dossiers/{id}/withdraw': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ reason: 'Người nộp rút hồ sơ' }),
  },
  'GET /dossiers/{id}/events/verify': {
    roles: ['desk_officer', 'agency_lead', 'supervisor', 'admin'],
    object: 'dossier',
  },
  'GET /dossiers/{id}/receipt.pdf': { roles: ['desk_officer'], object: 'dossier' },
  'GET /dossiers/{id}/supplement-request.pdf': { roles: ['desk_officer'], object: 'dossier' },
  'GET /dossiers/{id}/refusal.pdf': { roles: ['desk_officer'], object: 'dossier' },
  // workflow (issue 5)
  'POST /process-definitions': { roles: ['admin'], body: () => ({}) },
  'GET /process-definitions': { roles: ['admin'] },
  'GET /process-definitions/{id}': { roles: ['admin'] },
  'PUT /process-definitions/{id}': { roles: ['admin'], body: () => ({}) },
  'POST /process-definitions/{id}/publish': { roles: ['admin'] },
  'POST /process-definitions/{id}/migrate-dossiers': { roles: ['admin'], body: () => ({}) },
  'GET /inbox/steps': { roles: ['agency_officer', 'agency_lead', 'desk_officer'] },
  'POST /inbox/steps/bulk-reassign': { roles: ['agency_lead'], body: () => ({}) },
  'GET /inbox/steps/{id}': { roles: ['agency_officer', 'agency_lead', 'desk_officer'], object: 'step-task' },
  'POST /inbox/steps/{id}/claim': {
    roles: ['agency_officer', 'agency_lead', 'desk_officer'],
    object: 'step-task',
    body: () => ({}),
  },
  'POST /inbox/steps/{id}/assign': {
    roles: ['agency_lead'],
    object: 'step-task',
    body: (world) => ({ userId: world.users.agency_officer.id }),
  },
  'POST /inbox/steps/{id}/complete': {
    roles: ['agency_officer', 'agency_lead', 'desk_officer'],
    object: 'step-task',
    body: () => ({ outcome: 'approve', comment: 'ok' }),
  },
  'GET /dossiers/{id}/control-slip': { roles: EVERYONE, object: 'dossier' },
  'GET /dossiers/{id}/control-slip.pdf': { roles: EVERYONE, object: 'dossier' },
  'GET /supervision/dead-letters': { roles: ['supervisor', 'admin'] },
  'POST /supervision/dead-letters/{id}/retry': { roles: ['supervisor', 'admin'], object: 'dead-letter' },
  // deadlines (issue 6)
  'POST /dossiers/{id}/apology': {
    roles: ['agency_officer', 'agency_lead'],
    object: 'dossier',
    body: () => ({
      reason: 'Cần xác minh thực địa',
      responsibleUnit: 'Phòng Tài nguyên và Môi trường',
      newAppointmentAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    }),
  },
  'GET /dossiers/{id}/apology': {
    roles: ['agency_officer', 'agency_lead', 'desk_officer', 'supervisor'],
    object: 'dossier',
  },
  'GET /dossiers/{id}/apology.pdf': {
    roles: ['agency_officer', 'agency_lead', 'desk_officer', 'supervisor'],
    object: 'dossier',
  },
  // deadlines and supervision (issue 10): every role that sees a dossier reads its clock and timeline
  'GET /dossiers/{id}/clock': { roles: EVERYONE, object: 'dossier' },
  'GET /dossiers/{id}/timeline': { roles: EVERYONE, object: 'dossier' },
  'GET /supervision/step-overruns/now': { roles: ['supervisor', 'admin'] },
  'GET /supervision/step-overruns': {
    roles: ['supervisor', 'admin'],
    query: { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' },
  },
  'GET /supervision/tracking-register.pdf': {
    roles: ['desk_officer', 'agency_lead', 'supervisor', 'admin'],
    query: { from: '2025-01-01', to: '2025-01-31' },
  },
  'GET /supervision/tracking-register.xlsx': {
    roles: ['desk_officer', 'agency_lead', 'supervisor', 'admin'],
    query: { from: '2025-01-01', to: '2025-01-31' },
  },
  'GET /notifications': { roles: EVERYONE },
  'POST /notifications/read-all': { roles: EVERYONE },
  'POST /notifications/{id}/read': { roles: EVERYONE, params: { id: '1' } },
  'GET /supervision/late-dossiers': { roles: ['supervisor'] },
  'GET /indicators': {
    roles: ['supervisor', 'agency_lead', 'admin'],
    query: { from: '2031-03-01', to: '2031-03-31' },
  },
  'POST /simulations': {
    roles: ['supervisor', 'admin'],
    body: () => ({ from: '2026-03-02', to: '2026-03-06', dossiersPerWorkingDay: 5, seed: 1 }),
  },
  'GET /reports/resolution': {
    roles: ['supervisor', 'agency_lead', 'admin'],
    query: { from: '2031-03-01', to: '2031-03-31' },
  },
  'GET /reports/dossier-facts': {
    roles: ['supervisor', 'agency_lead', 'admin'],
    query: { from: '2031-03-01', to: '2031-03-31' },
  },
  'GET /supervision/near-due-dossiers': { roles: ['supervisor'] },
  'GET /supervision/agency-deadline-counts': { roles: ['supervisor'] },
  'POST /dossiers/{id}/supplement-received': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ note: 'Đã nhận bổ sung' }),
  },
  // documents, results, reuse and search (issue 12); files and results are sub-resources (random ids: 404), so
  // their scope is shown by the documents e2e rather than here
  'POST /dossiers/{id}/documents': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ checklistCode: 'TK' }),
  },
  'GET /dossiers/{id}/documents': { roles: ['desk_officer', 'agency_lead', 'supervisor'], object: 'dossier' },
  'GET /dossiers/{id}/documents/{documentId}/file': { roles: ['desk_officer', 'agency_lead', 'supervisor'] },
  'GET /dossiers/{id}/reusable-files': { roles: ['desk_officer'], object: 'dossier' },
  'POST /dossiers/{id}/documents/reuse': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ checklistCode: 'TK', kind: 'document', sourceId: randomUUID() }),
  },
  'POST /dossiers/{id}/result': {
    roles: ['agency_officer', 'agency_lead'],
    object: 'dossier',
    body: () => ({ decisionNumber: '1/QĐ', kind: 'decision', issuedOn: '2026-11-26', signer: 'Chủ tịch' }),
  },
  'GET /dossiers/{id}/result': { roles: ['desk_officer', 'agency_lead', 'supervisor'] },
  'GET /dossiers/{id}/result/file': { roles: ['desk_officer', 'agency_lead', 'supervisor'] },
  'GET /search/dossiers': { roles: ['desk_officer', 'supervisor', 'admin'], query: { name: 'nguyen van a' } },
  // returning results (issue 12): staff routes scoped like the dossier; the applicant's link and download and the
  // carrier's webhook are public (verified by the lookup secret, the link's signature, the carrier's signature)
  'GET /dossiers/{id}/delivery': { roles: ['desk_officer', 'agency_lead', 'supervisor'], object: 'dossier' },
  'PUT /dossiers/{id}/return-channel': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ channel: 'desk' }),
  },
  'POST /dossiers/{id}/delivery/handover': {
    roles: ['desk_officer'],
    object: 'dossier',
    body: () => ({ receivedBy: 'Lê Văn Tám', identityDocument: 'CCCD 001190099999' }),
  },
  'GET /delivery/uncollected': { roles: ['desk_officer', 'supervisor'] },
  'GET /public/dossiers/{code}/result-link': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    query: { secret: 'AAAAAAAAAA' },
  },
  'GET /public/results/{token}': { roles: 'public', params: { token: 'not-a-token' } },
  'POST /public/dossiers/{code}/documents': { roles: 'public', params: { code: 'NOPE-000000-0000' } },
  'POST /webhooks/postal/{carrier}': { roles: 'public', params: { carrier: 'sandbox' }, body: () => ({}) },
  'GET /sandbox/postal/shipments': { roles: ['admin'] },
  'GET /sandbox/postal/shipments/{trackingNumber}': { roles: ['admin'], params: { trackingNumber: 'RR000000000VN' } },
  'POST /sandbox/postal/shipments/{trackingNumber}/events': {
    roles: ['admin'],
    params: { trackingNumber: 'RR000000000VN' },
    body: () => ({ status: 'picked-up' }),
  },
  'POST /sandbox/postal/shipments/{trackingNumber}/redeliver': {
    roles: ['admin'],
    params: { trackingNumber: 'RR000000000VN' },
  },
  // citizens (issue 14): rating and complaints — public by code + lookup secret (or an agency); staff routes scoped
  'POST /public/dossiers/{code}/rating': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    body: () => ({ secret: 'AAAAAAAAAA', level: 'satisfied' }),
  },
  'POST /public/dossiers/{code}/status-page': {
    roles: 'public',
    params: { code: 'NOPE-000000-0000' },
    body: () => ({ secret: 'AAAAAAAAAA' }),
  },
  'POST /public/complaints': {
    roles: 'public',
    body: () => ({ agencyIdentifier: 'NOPE', name: 'Nguyễn Văn A', content: 'Nội dung phản ánh' }),
  },
  'GET /complaints': { roles: ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'] },
  'GET /complaints/late': { roles: ['supervisor', 'admin'] },
  'POST /complaints/{id}/answer': {
    roles: ['desk_officer', 'agency_officer', 'agency_lead'],
    body: () => ({ answer: 'Đã trả lời' }),
  },
  'POST /dossiers/{id}/rating': { roles: ['desk_officer'], object: 'dossier', body: () => ({ level: 'satisfied' }) },
  // national-portal sandbox receiver (issue 14): public, verified by the HMAC signature of the body
  'POST /sandbox/national-portal/dossier-status': { roles: 'public', body: () => ({ MaHoSo: 'x' }) },
};

// Demo agencies (catalog seed): the actors work in commune A1 (supervisor: district A, its parent; admin: the
// province root). Foreign objects belong to commune B1, under district B: outside every non-admin scope.
const OWN_COMMUNE = '000.21.12.H62';
const OWN_DISTRICT = '000.00.12.H62';
const PROVINCE = '000.00.00.H62';
const FOREIGN_COMMUNE = '000.21.13.H62';
const BIRTH = '1.001193';

interface World {
  agencies: Map<string, { id: string; path: string }>;
  users: Record<Role, TestUser>;
  foreignDesk: TestUser;
  procedureId: string;
  definitionId: string;
}

describe('authorization matrix over every OpenAPI route (issue 4, acceptance 1)', () => {
  let services: TestServices;
  let openApi: OpenAPIObject;
  let world: World;
  let scanner: ResponseScanner;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices({
      TEST_CLOCK_ENABLED: 'true',
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_LIMIT: '1000',
    });
    scanner = installResponseScanner(services.api);
    // The document the API serves (same builder as production; /docs-json).
    openApi = (await http().get('/docs-json').expect(200)).body as OpenAPIObject;
    await services.dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
    const rows: Array<{ id: string; identifier: string; path: string }> = await services.dataSource.query(
      `SELECT id, identifier, path FROM agency`,
    );
    const agencies = new Map(rows.map((row) => [row.identifier, { id: row.id, path: row.path }]));
    const home: Record<Role, string> = {
      desk_officer: OWN_COMMUNE,
      agency_officer: OWN_COMMUNE,
      agency_lead: OWN_COMMUNE,
      supervisor: OWN_DISTRICT,
      admin: PROVINCE,
    };
    const users = {} as Record<Role, TestUser>;
    for (const role of ROLES)
      users[role] = await createTestUser(services.dataSource, {
        roles: [role],
        agencyId: agencies.get(home[role])!.id,
        username: `matrix-${role}`,
      });
    const foreignDesk = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: agencies.get(FOREIGN_COMMUNE)!.id,
    });
    const [procedure]: Array<{ id: string }> = await services.dataSource.query(
      `SELECT id FROM procedure WHERE code = $1`,
      [BIRTH],
    );
    const [definition]: Array<{ id: string }> = await services.dataSource.query(
      `INSERT INTO process_definition (procedure_id, version, document, status) VALUES ($1, 999, '{}'::jsonb, 'draft') RETURNING id`,
      [procedure.id],
    );
    world = { agencies, users, foreignDesk, procedureId: procedure.id, definitionId: definition.id };
  });

  afterAll(async () => {
    if (services) expect(await scanner.leaks(services.dataSource)).toEqual([]);
    await services?.close();
  });

  /** A dossier received by `agencyIdentifier`'s desk, with an open step at that agency (so every role has a way in). */
  async function makeDossier(desk: TestUser, agencyIdentifier: string): Promise<string> {
    const created = await http()
      .post('/dossiers')
      .set(await authHeader(services, desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: world.procedureId,
        channel: 'in-person',
        applicant: { name: 'Lê Văn Tám', identityNumber: '001190099999', address: 'Thôn Tây', phone: '0912000000' },
        documents: [
          { code: 'TK', form: 'original', count: 1 },
          { code: 'GCS', form: 'original', count: 1 },
        ],
        outcome: 'accept',
      })
      .expect(201);
    await makeStep(created.body.id, agencyIdentifier, 'task', 'open');
    return created.body.id as string;
  }

  async function makeStep(
    dossierId: string | null,
    agencyIdentifier: string,
    kind: 'task' | 'connector',
    status: 'open' | 'dead-letter',
  ): Promise<string> {
    const desk = agencyIdentifier === FOREIGN_COMMUNE ? world.foreignDesk : world.users.desk_officer;
    const dossier = dossierId ?? (await makeDossier(desk, agencyIdentifier));
    const [row]: Array<{ id: string }> = await services.dataSource.query(
      `INSERT INTO step_task (dossier_id, procedure_id, process_definition_id, step_id, attempt, kind, agency_id, status, budget_minutes,
                              started_at, deadline_at, handover, started_event_sequence, dead_lettered_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7, 480, now(), now() + interval '1 day', 'electronic', 1, CASE WHEN $7 = 'dead-letter' THEN now() END)
       RETURNING id`,
      [
        dossier,
        world.procedureId,
        world.definitionId,
        `matrix-${randomUUID().slice(0, 8)}`,
        kind,
        world.agencies.get(agencyIdentifier)!.id,
        status,
      ],
    );
    return row.id;
  }

  async function makeObject(kind: ObjectKind, side: 'own' | 'foreign'): Promise<string> {
    const agency = side === 'own' ? OWN_COMMUNE : FOREIGN_COMMUNE;
    const desk = side === 'own' ? world.users.desk_officer : world.foreignDesk;
    switch (kind) {
      case 'dossier':
        return makeDossier(desk, agency);
      case 'step-task':
        return makeStep(null, agency, 'task', 'open');
      case 'dead-letter':
        return makeStep(null, agency, 'connector', 'dead-letter');
    }
  }

  function routesOf(document: OpenAPIObject): string[] {
    return Object.entries(document.paths).flatMap(([path, item]) =>
      ['get', 'post', 'put', 'patch', 'delete']
        .filter((method) => method in item)
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  async function call(route: string, rule: RouteRule, objectId: string | undefined, role: Role | null) {
    const [method, template] = route.split(' ');
    const path = template.replace(/\{(\w+)\}/g, (_match, name: string) =>
      encodeURIComponent(name === 'id' && objectId ? objectId : (rule.params?.[name] ?? randomUUID())),
    );
    let pending = http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (rule.query) pending = pending.query(rule.query);
    if (role) pending = pending.set(await authHeader(services, world.users[role]));
    if (rule.body) pending = pending.send(rule.body(world));
    const response = await pending;
    return {
      status: response.status,
      message: (response.body as { message?: unknown })?.message,
      label: `${route} as ${role ?? 'anonymous'}${objectId ? ` on ${objectId}` : ''}`,
    };
  }

  it('has a row for every OpenAPI route, and no row for a route that no longer exists', () => {
    const routes = routesOf(openApi);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !(route in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('refuses every non-public route without a token (401) and lets public routes through', async () => {
    const failures: string[] = [];
    for (const route of routesOf(openApi)) {
      const rule = MATRIX[route];
      if (!rule) continue;
      const { status, message, label } = await call(route, rule, undefined, null);
      // A public route may answer 401 itself (wrong password at login), but never the guard's "Authentication required".
      const refusedByGuard = status === 403 || (status === 401 && message === 'Authentication required');
      if (rule.roles === 'public' ? refusedByGuard : status !== 401) failures.push(`${label}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every role a route does not declare (403)', async () => {
    const failures: string[] = [];
    for (const route of routesOf(openApi)) {
      const rule = MATRIX[route];
      if (!rule || rule.roles === 'public') continue;
      for (const role of ROLES.filter((candidate) => !(rule.roles as readonly Role[]).includes(candidate))) {
        const { status, label } = await call(route, rule, undefined, role);
        if (status !== 403) failures.push(`${label}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 to every scoped role for another agency's object (no existence leak)", async () => {
    const failures: string[] = [];
    for (const route of routesOf(openApi)) {
      const rule = MATRIX[route];
      if (!rule?.object || rule.roles === 'public') continue;
      // Admins are not limited by agency scope ("admin: everything"), so foreign objects are not foreign to them.
      for (const role of rule.roles.filter((candidate) => candidate !== 'admin')) {
        const { status, label } = await call(route, rule, await makeObject(rule.object, 'foreign'), role);
        if (status !== 404) failures.push(`${label}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets every declared role reach the route (own-agency object where there is one)', async () => {
    const failures: string[] = [];
    for (const route of routesOf(openApi)) {
      const rule = MATRIX[route];
      if (!rule || rule.roles === 'public') continue;
      for (const role of rule.roles) {
        const objectId = rule.object ? await makeObject(rule.object, 'own') : undefined;
        const { status, label } = await call(route, rule, objectId, role);
        if ([401, 403].includes(status) || (rule.object && status === 404)) failures.push(`${label}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
