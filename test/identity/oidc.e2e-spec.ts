import request from 'supertest';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { oidcUserId } from '../../apps/api/src/identity/token.service';
import { authHeader, createTestAgency, createTestUser } from '../support/auth';
import { startTestServices, TestServices } from '../support/test-services';

const ISSUER = 'https://sso.example.gov.vn/realms/province';
const AUDIENCE = 'motcua';

/** Acceptance 3: tokens of an external identity provider, verified against its JWKS (served locally). */
describe('identity: OIDC bearer tokens (issue 4)', () => {
  let services: TestServices;
  let jwksServer: Server;
  let privateKey: KeyLike;
  let otherKey: KeyLike;
  let agency: { id: string; identifier: string };
  let jwksRequests = 0;
  const http = () => request(services.api.getHttpServer());

  const sign = (
    claims: JWTPayload,
    options: { key?: KeyLike; issuer?: string; audience?: string; expiresAt?: number; kid?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      preferred_username: 'nguyen.van.a',
      realm_access: { roles: ['agency_officer', 'offline_access'] },
      agency_code: agency.identifier,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('f3b0c7f2-sso-subject')
      .setIssuedAt(now - 10)
      .setExpirationTime(options.expiresAt ?? now + 300)
      .sign(options.key ?? privateKey);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] };
    jwksServer = createServer((req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    services = await startTestServices({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_AGENCY_CLAIM: 'agency_code',
    });
    agency = await createTestAgency(services.dataSource, { identifier: '000.21.12.H77' });
  });

  afterAll(async () => {
    await services?.close();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it('accepts a valid provider token and maps roles and agency from the configured claims', async () => {
    const me = await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({})}`)
      .expect(200);
    expect(me.body).toEqual({
      userId: oidcUserId(ISSUER, 'f3b0c7f2-sso-subject'),
      username: 'nguyen.van.a',
      roles: ['agency_officer'],
      agencyId: agency.id,
    });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('applies the mapped roles to route declarations (403 for a role the token does not carry)', async () => {
    await http()
      .get('/supervision/dead-letters')
      .set('Authorization', `Bearer ${await sign({})}`)
      .expect(403);
  });

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({}, { expiresAt: now - 120 })}`)
      .expect(401);
  });

  it('rejects a token for another audience', async () => {
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({}, { audience: 'another-app' })}`)
      .expect(401);
  });

  it('rejects a token from another issuer, even one signed with the provider key', async () => {
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({}, { issuer: 'https://sso.other.example/realms/x' })}`)
      .expect(401);
  });

  it('rejects a token signed with a key not in the JWKS', async () => {
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({}, { key: otherKey })}`)
      .expect(401);
  });

  it('rejects a token whose agency claim names no known agency', async () => {
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${await sign({ agency_code: '999.99.99.X00' })}`)
      .expect(401);
  });

  it('local tokens keep working next to OIDC (told apart by issuer)', async () => {
    const user = await createTestUser(services.dataSource, { roles: ['desk_officer'], agencyId: agency.id });
    const me = await http()
      .get('/auth/me')
      .set(await authHeader(services, user))
      .expect(200);
    expect(me.body.userId).toEqual(user.id);
  });
});
