import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError } from '@motcua/domain';
import {
  hashPassword,
  RefreshTokenRepository,
  UserAuditRepository,
  UserRepository,
  verifyAgainstDummy,
  verifyPassword,
} from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from './access.decorator';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { SessionDto } from './dto/session.dto';
import { weakPasswordReason } from './password-policy';
import { hashRefreshToken, TokenService } from './token.service';

const INVALID_CREDENTIALS = 'Invalid username or password, or the account is locked';

/**
 * Local sign-in: argon2id passwords, lockout after LOGIN_MAX_FAILURES consecutive failures, short-lived access
 * JWTs and rotating refresh tokens (a reused refresh token revokes the whole family of the user).
 * Lockout and token expiry use wall-clock time (security time, not business time).
 */
@Injectable()
export class AuthUseCase {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async login(dto: LoginDto): Promise<SessionDto> {
    const users = new UserRepository(this.dataSource.manager);
    const user = await users.findForLogin(dto.username);
    const now = new Date();
    if (!user || !user.active || !user.passwordHash) {
      await verifyAgainstDummy(dto.password);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
      // Same answer and similar work as a wrong password: a locked account is not confirmed to the caller.
      await verifyAgainstDummy(dto.password);
      this.logger.warn(`login refused for ${user.username}: locked until ${user.lockedUntil.toISOString()}`);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (!(await verifyPassword(user.passwordHash, dto.password))) {
      const { lockedUntil } = await users.recordFailedLogin(
        user.id,
        now,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_MINUTES * 60_000,
      );
      if (lockedUntil && lockedUntil.getTime() > now.getTime())
        this.logger.warn(`account ${user.username} locked until ${lockedUntil.toISOString()}`);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (user.failedLoginCount > 0 || user.lockedUntil) await users.recordSuccessfulLogin(user.id);
    return this.issueSession(
      { id: user.id, username: user.username, roles: user.roles, agencyId: user.agencyId },
      user.mustChangePassword,
    );
  }

  async refresh(dto: RefreshTokenDto): Promise<SessionDto> {
    const next = this.tokens.newRefreshToken();
    const result = await this.dataSource.transaction((manager) =>
      new RefreshTokenRepository(manager).rotate(
        hashRefreshToken(dto.refreshToken),
        next.hash,
        next.expiresAt,
        new Date(),
      ),
    );
    if (result.outcome === 'reused')
      this.logger.warn(`refresh token reused for user ${result.userId}: all sessions of the user revoked`);
    if (result.outcome !== 'rotated') throw new UnauthorizedException('Invalid refresh token');
    const user = await new UserRepository(this.dataSource.manager).findById(result.userId);
    if (!user || !user.active) throw new UnauthorizedException('Invalid refresh token');
    return this.session(await this.tokens.signAccessToken(user), next, user.mustChangePassword);
  }

  /** Revokes the refresh token if it belongs to the caller (unknown tokens are ignored: logout is idempotent). */
  async logout(actor: Actor, dto: RefreshTokenDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const tokens = new RefreshTokenRepository(manager);
      const hash = hashRefreshToken(dto.refreshToken);
      const owner = await tokens.ownerOf(hash);
      if (owner === actor.userId) await tokens.revoke(hash, new Date());
    });
  }

  /**
   * Changes the password. Every other session of the user ends (all refresh tokens revoked, access tokens issued before
   * the change refused); the caller's session goes on with the fresh tokens returned. Weak passwords are refused.
   */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<SessionDto> {
    const users = new UserRepository(this.dataSource.manager);
    const current = await users.findPasswordHash(actor.userId);
    if (!current)
      throw new DomainError(
        'auth.no-local-password',
        'This account has no local password (signed in through OIDC)',
        'precondition',
      );
    if (!(await verifyPassword(current, dto.currentPassword)))
      throw new DomainError('auth.wrong-password', 'The current password is wrong', 'invalid');
    if (dto.newPassword === dto.currentPassword)
      throw new DomainError('auth.same-password', 'The new password must differ from the current one', 'invalid');
    const weakness = weakPasswordReason(dto.newPassword, { username: actor.username });
    if (weakness) throw new DomainError('auth.weak-password', weakness, 'invalid');
    const hash = await hashPassword(dto.newPassword);
    // Whole seconds: JWT `iat` has second precision, so a token signed in this same second stays valid.
    const changedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await this.dataSource.transaction(async (manager) => {
      await new UserRepository(manager).changePassword(actor.userId, hash, changedAt);
      await new RefreshTokenRepository(manager).revokeAllForUser(actor.userId, changedAt);
      await new UserAuditRepository(manager).record(actor.userId, 'password-changed', actor, {});
    });
    return this.issueSession(
      { id: actor.userId, username: actor.username, roles: actor.roles, agencyId: actor.agencyId },
      false,
    );
  }

  private async issueSession(
    user: { id: string; username: string; roles: string[]; agencyId: string },
    passwordChangeRequired: boolean,
  ): Promise<SessionDto> {
    const refresh = this.tokens.newRefreshToken();
    await new RefreshTokenRepository(this.dataSource.manager).issue(user.id, refresh.hash, refresh.expiresAt);
    return this.session(await this.tokens.signAccessToken(user), refresh, passwordChangeRequired);
  }

  private session(
    accessToken: string,
    refresh: { token: string; expiresAt: Date },
    passwordChangeRequired: boolean,
  ): SessionDto {
    return Object.assign(new SessionDto(), {
      accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt.toISOString(),
      passwordChangeRequired,
    });
  }
}
