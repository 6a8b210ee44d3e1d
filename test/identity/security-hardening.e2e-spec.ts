import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CATALOG_SEED } from '@motcua/persistence';
import { setLogDestinationForTests } from '@motcua/platform';
import { signLocalAccessToken } from '../../apps/api/src/identity/token.service';
import { authHeader, createTestUser, TestUser } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';

const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';
const USER_LIMIT = 25;

/**
 * Issue 10, security: future-dated tokens, password change and policy, the lookup secret out of URLs, the per-user
 * rate limit — and a scan of everything the API and workers logged at debug level for any secret used here.
 */
describe('security hardening over HTTP (issue 10)', () => {
  let services: TestServices;
  let logs = '';
  const secrets = new Set<string>();
  const http = () => request(services.api.getHttpServer());
  let desk: TestUser;
  let commune: string;

  const remember = <T extends Record<string, unknown>>(body: T): T => {
    for (const key of ['accessToken', 'refreshToken', 'lookupSecret', 'oneTimePassword'])
      if (typeof body[key] === 'string') secrets.add(body[key] as string);
    return body;
  };
  const login = async (username: string, password: string) =>
    remember((await http().post('/auth/login').send({ username, password }).expect(200)).body);

  beforeAll(async () => {
    setLogDestinationForTests(
      new Writable({
        write(chunk, _encoding, callback) {
          logs += String(chunk);
          callback();
        },
      }),
    );
    services = await startTestServices({ LOG_LEVEL: 'debug', USER_THROTTLE_LIMIT: String(USER_LIMIT) });
    await services.dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
    [{ id: commune }] = await services.dataSource.query(`SELECT id FROM agency WHERE identifier = $1`, [COMMUNE]);
    desk = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: commune,
      password: 'river-lantern-41-moss',
    });
    secrets.add(desk.password);
    secrets.add(services.config.JWT_SECRET);
    secrets.add(services.config.LOOKUP_SECRET_KEY);
  });

  afterAll(async () => {
    await services?.close();
    setLogDestinationForTests(undefined);
  });

  it('refuses a token issued in the future beyond the allowed skew', async () => {
    const future = await signLocalAccessToken(services.config, desk, new Date(Date.now() + 10 * 60_000));
    const slightlyAhead = await signLocalAccessToken(services.config, desk, new Date(Date.now() + 5_000));
    secrets.add(future).add(slightlyAhead);
    await http().get('/auth/me').set('Authorization', `Bearer ${future}`).expect(401);
    await http().get('/auth/me').set('Authorization', `Bearer ${slightlyAhead}`).expect(200);
  });

  it('a password change keeps the session that made it and ends the others; weak passwords are refused', async () => {
    const user = await createTestUser(services.dataSource, {
      roles: ['desk_officer'],
      agencyId: commune,
      password: 'amber-falcon-73-reed',
    });
    secrets.add(user.password);
    const current = await login(user.username, user.password);
    const other = await login(user.username, user.password);
    // Another device's access token, issued a little earlier.
    const otherAccess = await signLocalAccessToken(services.config, user, new Date(Date.now() - 5_000));
    secrets.add(otherAccess);
    const change = (newPassword: string) =>
      http()
        .post('/auth/password')
        .set('Authorization', `Bearer ${current.accessToken}`)
        .send({ currentPassword: user.password, newPassword });
    for (const [weak, reason] of [
      ['password1234', /most common/],
      ['zzzzzzzzzzzz', /different characters|repeats/],
      [`${user.username}-2025`, /username/],
      ['lake-56789-tree', /consecutive/],
    ] as const) {
      const refused = await change(weak).expect(400);
      expect(refused.body.message).toMatch(reason);
    }
    const changed = remember((await change('copper-meadow-29-wind').expect(200)).body);
    secrets.add('copper-meadow-29-wind');
    expect(changed.passwordChangeRequired).toBe(false);
    // The session that changed the password goes on with the tokens it got back.
    await http().get('/auth/me').set('Authorization', `Bearer ${changed.accessToken}`).expect(200);
    remember((await http().post('/auth/refresh').send({ refreshToken: changed.refreshToken }).expect(200)).body);
    // Every other session ends: its refresh token and its older access token are refused.
    await http().post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await http().get('/auth/me').set('Authorization', `Bearer ${otherAccess}`).expect(401);
  });

  it('takes the lookup secret from a header or a body; GET without one is a 400; a URL secret is masked in logs', async () => {
    const procedure = await services.dataSource.query(`SELECT id FROM procedure WHERE code = $1`, [BIRTH]);
    const created = await http()
      .post('/dossiers')
      .set(await authHeader(services, desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: procedure[0].id,
        channel: 'in-person',
        applicant: { name: 'Trần Thị Mai', identityNumber: '001190054321', address: 'xã An Hòa', phone: '0912345678' },
        documents: [
          { code: 'TK', form: 'original', count: 1 },
          { code: 'GCS', form: 'original', count: 1 },
        ],
        outcome: 'accept',
      })
      .expect(201);
    const { code, lookupSecret } = remember(created.body);
    const path = `/public/dossiers/${encodeURIComponent(code)}`;
    await http().get(path).set('X-Lookup-Secret', lookupSecret).expect(200);
    await http().post(path).send({ secret: lookupSecret }).expect(200);
    const missing = await http().get(path).expect(400);
    expect(missing.body.message).toMatch(/X-Lookup-Secret header/);
    await http().get(path).set('X-Lookup-Secret', 'WRONGSECRET').expect(404);
    // The deprecated query form still answers, but its value never reaches a log line (checked at the end).
    await http().get(path).query({ secret: lookupSecret }).expect(200);
  });

  it('limits requests per user on authenticated routes (429 with Retry-After), not per address', async () => {
    const busy = await createTestUser(services.dataSource, { roles: ['desk_officer'], agencyId: commune });
    const calm = await createTestUser(services.dataSource, { roles: ['desk_officer'], agencyId: commune });
    const busyHeader = await authHeader(services, busy);
    for (let index = 0; index < USER_LIMIT; index++) await http().get('/auth/me').set(busyHeader).expect(200);
    const refused = await http().get('/auth/me').set(busyHeader).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.message).toMatch(/Too many requests from your account/);
    // Another user from the same address is not affected; public routes are not counted per user.
    await http()
      .get('/auth/me')
      .set(await authHeader(services, calm))
      .expect(200);
    await http().get('/health/live').expect(200);
  });

  it('logged nothing secret at debug level: no password, token, lookup secret or key', async () => {
    await login(desk.username, desk.password);
    await http().post('/auth/login').send({ username: desk.username, password: 'wrong-guess-passphrase' }).expect(401);
    secrets.add('wrong-guess-passphrase');
    await services.waitUntilIdle();
    expect(logs).toContain('"msg":"request completed"');
    expect(logs).toContain('secret=[REDACTED]');
    const leaked = [...secrets].filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);
  });
});
