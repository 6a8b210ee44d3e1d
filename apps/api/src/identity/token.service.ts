import { Inject, Injectable, Logger } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { AgencyRepository, UserRepository } from '@motcua/persistence';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { Actor, Role, ROLES } from './access.decorator';

/** Audience of locally signed access tokens. */
export const LOCAL_AUDIENCE = 'motcua-api';
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface AccessTokenSubject {
  id: string;
  username: string;
  roles: string[];
  agencyId: string;
}

/** Why a bearer token was refused (logged, never returned: the client only sees 401). */
export class TokenRejected extends Error {}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** sha256 hex of a refresh token (what `refresh_token.token_hash` stores). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Signs a local access token (HS256); shared by the login use case and the test helpers. */
export async function signLocalAccessToken(
  config: MotcuaConfig,
  subject: AccessTokenSubject,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ username: subject.username, roles: subject.roles, agency_id: subject.agencyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(config.JWT_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + config.JWT_ACCESS_TTL_SECONDS)
    .setJti(randomBytes(12).toString('base64url'))
    .sign(new TextEncoder().encode(config.JWT_SECRET));
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      payload,
    );
}

/** A stable uuid for an OIDC subject (issuer + sub), recorded as actor_user_id in dossier events. */
export function oidcUserId(issuer: string, subject: string): string {
  const hex = createHash('sha256').update(`${issuer}\u0000${subject}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Verifies bearer tokens and turns them into an Actor. Local tokens (iss = JWT_ISSUER) are HS256 with
 * JWT_SECRET and are checked against the account (active, not issued before the last password change);
 * OIDC tokens (iss = OIDC_ISSUER) are verified against the provider's JWKS and mapped by configured claims.
 *
 * Token times are wall-clock, not ClockService time: the test clock moves business time, not sessions.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private readonly secret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {
    this.secret = new TextEncoder().encode(config.JWT_SECRET);
    if (config.OIDC_JWKS_URL)
      this.jwks = createRemoteJWKSet(new URL(config.OIDC_JWKS_URL), {
        cooldownDuration: 30_000,
        timeoutDuration: 5_000,
      });
  }

  signAccessToken(subject: AccessTokenSubject): Promise<string> {
    return signLocalAccessToken(this.config, subject);
  }

  /** A fresh opaque refresh token (returned once to the client; only its hash is stored). */
  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    };
  }

  /** The actor of a bearer token; throws TokenRejected for anything not valid. */
  async authenticate(token: string): Promise<Actor> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRejected('malformed token');
    }
    if (issuer === this.config.JWT_ISSUER) return this.authenticateLocal(token);
    if (this.jwks && issuer === this.config.OIDC_ISSUER) return this.authenticateOidc(token);
    throw new TokenRejected(`unknown issuer ${String(issuer)}`);
  }

  private async authenticateLocal(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: LOCAL_AUDIENCE,
        requiredClaims: ['sub', 'iat', 'exp'],
      }));
    } catch (error) {
      throw new TokenRejected(`local token: ${(error as Error).message}`);
    }
    this.refuseFutureIssue(payload);
    const access = await new UserRepository(this.dataSource.manager)
      .findAccess(payload.sub as string)
      .catch(() => null);
    if (!access || !access.active) throw new TokenRejected('account missing or inactive');
    if ((payload.iat as number) < Math.floor(access.passwordChangedAt.getTime() / 1000))
      throw new TokenRejected('issued before the last password change');
    return {
      userId: access.id,
      username: access.username,
      roles: access.roles.filter(isRole),
      agencyId: access.agencyId,
      agencyPath: access.agencyPath,
      ...(access.mustChangePassword ? { passwordChangeRequired: true } : {}),
    };
  }

  /** A token issued in the future (beyond TOKEN_CLOCK_SKEW_SECONDS) was forged or minted by a wrong clock. */
  private refuseFutureIssue(payload: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > now + this.config.TOKEN_CLOCK_SKEW_SECONDS)
      throw new TokenRejected(`token issued in the future (iat ${payload.iat}, now ${now})`);
  }

  private async authenticateOidc(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks!, {
        algorithms: OIDC_ALGORITHMS,
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new TokenRejected(`oidc token: ${(error as Error).message}`);
    }
    this.refuseFutureIssue(payload);
    const rawRoles = claimAt(payload, this.config.OIDC_ROLES_CLAIM);
    const roles = (
      Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? rawRoles.split(/[\s,]+/) : []
    ).filter(isRole);
    const agencyIdentifier = claimAt(payload, this.config.OIDC_AGENCY_CLAIM);
    if (typeof agencyIdentifier !== 'string')
      throw new TokenRejected(`oidc token: no ${this.config.OIDC_AGENCY_CLAIM} claim`);
    const agency = await new AgencyRepository(this.dataSource.manager).findByIdentifier(agencyIdentifier);
    if (!agency) throw new TokenRejected(`oidc token: unknown agency ${agencyIdentifier}`);
    const username = claimAt(payload, this.config.OIDC_USERNAME_CLAIM);
    return {
      userId: oidcUserId(payload.iss as string, payload.sub as string),
      username: typeof username === 'string' ? username : (payload.sub as string),
      roles,
      agencyId: agency.id,
      agencyPath: agency.path,
    };
  }

  logRejection(reason: unknown): void {
    this.logger.debug(`bearer token refused: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}
