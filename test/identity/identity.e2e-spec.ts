import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { CATALOG_SEED, DEMO_USERS, USERS_SEED } from '@motcua/persistence';
import { signLocalAccessToken } from '../../apps/api/src/identity/token.service';
import { authHeader, createTestUser, TestUser } from '../support/auth';
import { installResponseScanner, ResponseScanner } from '../support/response-scanner';
import { startTestServices, TestServices } from '../support/test-services';

const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';

describe('identity: local accounts, sessions, citizen lookup (issue 4)', () => {
  let services: TestServices;
  let scanner: ResponseScanner;
  let agencies: Map<string, string>;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices({ LOGIN_THROTTLE_LIMIT: '1000', PUBLIC_THROTTLE_LIMIT: '5' });
    scanner = installResponseScanner(services.api);
    await services.dataSource.transaction(async (manager) => {
      await CATALOG_SEED.run(manager, () => undefined);
      await USERS_SEED.run(manager, () => undefined);
    });
    const rows: Array<{ id: string; identifier: string }> = await services.dataSource.query(
      `SELECT id, identifier FROM agency`,
    );
    agencies = new Map(rows.map((row) => [row.identifier, row.id]));
  });

  afterAll(async () => {
    // Acceptance 4: nothing this suite received contains a password hash, a lookup-secret hash or a refresh-token hash.
    if (services) {
      expect(scanner.responses.length).toBeGreaterThan(20);
      expect(await scanner.leaks(services.dataSource)).toEqual([]);
    }
    await services?.close();
  });

  const newUser = (overrides: Partial<Parameters<typeof createTestUser>[1]> = {}): Promise<TestUser> =>
    createTestUser(services.dataSource, { roles: ['desk_officer'], agencyId: agencies.get(COMMUNE)!, ...overrides });

  it('signs in every seeded demo user with the documented password', async () => {
    for (const demo of DEMO_USERS) {
      const session = await http()
        .post('/auth/login')
        .send({ username: demo.username, password: demo.password })
        .expect(200);
      expect(session.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.any(String),
        refreshExpiresAt: expect.any(String),
        passwordChangeRequired: false,
      });
      const me = await http().get('/auth/me').set('Authorization', `Bearer ${session.body.accessToken}`).expect(200);
      expect(me.body).toEqual({
        userId: expect.any(String),
        username: demo.username,
        roles: demo.roles,
        agencyId: agencies.get(demo.agencyIdentifier),
      });
    }
  });

  it('the users seed is idempotent', async () => {
    const before = await services.dataSource.query(`SELECT count(*)::int AS n FROM app_user`);
    const lines: string[] = [];
    await services.dataSource.transaction((manager) => USERS_SEED.run(manager, (line) => lines.push(line)));
    expect(await services.dataSource.query(`SELECT count(*)::int AS n FROM app_user`)).toEqual(before);
    expect(lines.join('\n')).toContain(`0 demo users created, ${DEMO_USERS.length} already present`);
  });

  it('refuses requests without a valid token with 401', async () => {
    const user = await newUser();
    await http().get('/auth/me').expect(401);
    await http().get('/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    await http()
      .get('/auth/me')
      .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
      .expect(401);
    const wrongSecret = await signLocalAccessToken(
      { ...services.config, JWT_SECRET: 'another-secret-that-is-long-enough-0123456789' },
      user,
    );
    await http().get('/auth/me').set('Authorization', `Bearer ${wrongSecret}`).expect(401);
    const expired = await signLocalAccessToken(services.config, user, new Date(Date.now() - 3600_000));
    await http().get('/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'motcua', sub: user.id, aud: 'motcua-api', exp: 9999999999 })).toString('base64url')}.`;
    await http().get('/auth/me').set('Authorization', `Bearer ${none}`).expect(401);
    const ghost = await authHeader(services, { ...user, id: randomUUID() });
    await http().get('/auth/me').set(ghost).expect(401);
    await http()
      .get('/auth/me')
      .set(await authHeader(services, user))
      .expect(200);
  });

  it('an HS256 token with a foreign issuer is refused even when signed with our secret', async () => {
    const user = await newUser();
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://evil.example')
      .setAudience('motcua-api')
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(services.config.JWT_SECRET));
    await http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('takes roles and agency from the account, not from the token claims', async () => {
    const user = await newUser({ roles: ['desk_officer'] });
    const forged = await signLocalAccessToken(services.config, { ...user, roles: ['admin'] });
    const me = await http().get('/auth/me').set('Authorization', `Bearer ${forged}`).expect(200);
    expect(me.body.roles).toEqual(['desk_officer']);
    await http()
      .get('/admin/clock')
      .set('Authorization', `Bearer ${forged}`)
      .expect((response) => expect([403, 404]).toContain(response.status));
  });

  it('refuses a deactivated account', async () => {
    const user = await newUser();
    const header = await authHeader(services, user);
    await http().get('/auth/me').set(header).expect(200);
    await services.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    await http().get('/auth/me').set(header).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: user.password }).expect(401);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is replayed', async () => {
    const user = await newUser();
    const first = await http()
      .post('/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const second = await http().post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toEqual(first.body.refreshToken);
    await http().get('/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`).expect(200);
    // Replay of the used token: refused, and the live one is revoked too (stolen-token detection).
    await http().post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await http().post('/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    await http()
      .post('/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
  });

  it('logout revokes the refresh token; someone else cannot revoke yours', async () => {
    const user = await newUser();
    const other = await newUser();
    const session = await http()
      .post('/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    await http().post('/auth/logout').send({ refreshToken: session.body.refreshToken }).expect(401);
    await http()
      .post('/auth/logout')
      .set(await authHeader(services, other))
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);
    const refreshed = await http().post('/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(200);
    await http()
      .post('/auth/logout')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(204);
    await http().post('/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it('changes the password: old password, older access tokens and refresh tokens stop working', async () => {
    const user = await newUser({ password: 'first-password-1' });
    const session = await http()
      .post('/auth/login')
      .send({ username: user.username, password: 'first-password-1' })
      .expect(200);
    const olderToken = await signLocalAccessToken(services.config, user, new Date(Date.now() - 5000));
    const header = await authHeader(services, user);
    await http()
      .post('/auth/password')
      .set(header)
      .send({ currentPassword: 'wrong-password-1', newPassword: 'second-password-2' })
      .expect(400);
    await http()
      .post('/auth/password')
      .set(header)
      .send({ currentPassword: 'first-password-1', newPassword: 'short' })
      .expect(400);
    await http()
      .post('/auth/password')
      .set(header)
      .send({ currentPassword: 'first-password-1', newPassword: 'second-password-2' })
      .expect(200);
    await http().get('/auth/me').set('Authorization', `Bearer ${olderToken}`).expect(401);
    await http().post('/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: 'first-password-1' }).expect(401);
    await http().post('/auth/login').send({ username: user.username, password: 'second-password-2' }).expect(200);
    const hash: Array<{ password_hash: string }> = await services.dataSource.query(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('brute force (acceptance 2): 20 wrong passwords lock the account; the right password is then refused until the lock ends', async () => {
    const user = await newUser({ password: 'the-right-password' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      statuses.push(
        (
          await http()
            .post('/auth/login')
            .send({ username: user.username, password: `wrong-${attempt}` })
        ).status,
      );
    }
    expect(statuses).toEqual(Array(20).fill(401));
    const [row]: Array<{ locked_until: Date | null }> = await services.dataSource.query(
      `SELECT locked_until FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const refused = await http()
      .post('/auth/login')
      .send({ username: user.username, password: 'the-right-password' })
      .expect(401);
    // Same answer as a wrong password: the response does not confirm the account exists or is locked.
    const unknown = await http()
      .post('/auth/login')
      .send({ username: `nobody-${randomUUID()}`, password: 'x' })
      .expect(401);
    expect(refused.body.message).toEqual(unknown.body.message);
    // When the lock has run out the right password works again.
    await services.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [
      user.id,
    ]);
    await http().post('/auth/login').send({ username: user.username, password: 'the-right-password' }).expect(200);
  });

  it('citizen lookup: code + secret gives the public view; a wrong secret or unknown code gives the same 404', async () => {
    const desk = await newUser({ roles: ['desk_officer'] });
    await http()
      .post('/admin/clock')
      .expect((response) => expect([401, 404]).toContain(response.status));
    const [procedure]: Array<{ id: string; name: string }> = await services.dataSource.query(
      `SELECT id, name FROM procedure WHERE code = $1`,
      [BIRTH],
    );
    const created = await http()
      .post('/dossiers')
      .set(await authHeader(services, desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: procedure.id,
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
      })
      .expect(201);
    const { code, lookupSecret } = created.body as { code: string; lookupSecret: string };
    const view = await http()
      .get(`/public/dossiers/${encodeURIComponent(code)}`)
      .query({ secret: lookupSecret })
      .expect(200);
    expect(view.body).toEqual({
      code,
      status: created.body.status,
      nationalStatusCode: expect.any(String),
      procedureName: procedure.name,
      receivingAgencyName: expect.any(String),
      receivedAt: expect.any(String),
      appointmentAt: created.body.appointmentAt,
      progress: { stepsCompleted: expect.any(Number), stepsTotal: expect.any(Number) },
    });
    expect(JSON.stringify(view.body)).not.toContain('Nguyễn');
    await http()
      .post(`/public/dossiers/${encodeURIComponent(code)}`)
      .send({ secret: lookupSecret.toLowerCase() })
      .expect(200);
    const wrong = await http()
      .get(`/public/dossiers/${encodeURIComponent(code)}`)
      .query({ secret: 'AAAAAAAAAA' })
      .expect(404);
    const unknown = await http().get(`/public/dossiers/NOPE-000000-0000`).query({ secret: lookupSecret }).expect(404);
    expect(wrong.body).toEqual(unknown.body);
    // PUBLIC_THROTTLE_LIMIT=5 per minute in this suite: the next lookups from this address are throttled.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push(
        (
          await http()
            .get(`/public/dossiers/${encodeURIComponent(code)}`)
            .query({ secret: lookupSecret })
        ).status,
      );
    expect(statuses).toContain(429);
  });
});

describe('identity: login throttling per address (issue 4, acceptance 2)', () => {
  let services: TestServices;
  const http = () => request(services.api.getHttpServer());

  beforeAll(async () => {
    services = await startTestServices();
  });

  afterAll(async () => {
    await services?.close();
  });

  it('20 wrong passwords from one address are throttled (429) after LOGIN_THROTTLE_LIMIT attempts, and the lock holds', async () => {
    const [agency]: Array<{ id: string }> = await services.dataSource.query(
      `INSERT INTO agency (id, identifier, name, level, path) SELECT id, 'T.01', 'T', 'commune', '/' || id || '/' FROM (SELECT gen_random_uuid() AS id) f RETURNING id`,
    );
    const user = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: agency.id,
      password: 'the-right-password',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      statuses.push(
        (
          await http()
            .post('/auth/login')
            .send({ username: user.username, password: `wrong-${attempt}` })
        ).status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    const throttled = await http()
      .post('/auth/login')
      .send({ username: user.username, password: 'the-right-password' })
      .expect(429);
    expect(Object.keys(throttled.headers).some((name) => name.startsWith('retry-after'))).toBe(true);
    const [row]: Array<{ locked_until: Date | null }> = await services.dataSource.query(
      `SELECT locked_until FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
  });
});
