import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import {
  hashPassword,
  RefreshTokenRepository,
  StaffUserRepository,
  UserAuditRepository,
  type StaffUserRow,
} from '@motcua/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { OneTimePasswordDto } from './dto/one-time-password.dto';
import { StaffUserResponseDto } from './dto/staff-user-response.dto';
import { managedPathPrefix, oneTimePassword, userNotFound } from './staff-scope';

/**
 * Account access changes by an admin: disable (sign-in, refresh and every access token refused at once: the guard
 * reads `active` per request, and the refresh tokens are revoked), re-enable, and password reset (a one-time password
 * that must be replaced at the next sign-in; every session of the user ends). Each is one audit event.
 */
@Injectable()
export class StaffAccountUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async disable(actor: Actor, id: string, reason: string | undefined): Promise<StaffUserResponseDto> {
    if (id === actor.userId)
      throw new DomainError('staff.disable-self', 'You cannot disable your own account', 'precondition');
    return this.change(actor, id, async (manager, user, now) => {
      if (!user.active) return false;
      await new StaffUserRepository(manager).setActive(id, false, now);
      await new RefreshTokenRepository(manager).revokeAllForUser(id, now);
      await new UserAuditRepository(manager).record(id, 'disabled', actor, reason ? { reason } : {});
      return true;
    });
  }

  async enable(actor: Actor, id: string): Promise<StaffUserResponseDto> {
    return this.change(actor, id, async (manager, user, now) => {
      if (user.active) return false;
      await new StaffUserRepository(manager).setActive(id, true, now);
      await new UserAuditRepository(manager).record(id, 'enabled', actor, {});
      return true;
    });
  }

  async resetPassword(actor: Actor, id: string): Promise<OneTimePasswordDto> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.change(actor, id, async (manager, _user, now) => {
      // Whole seconds, like a password change: tokens issued before this second are refused.
      const changedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
      await new StaffUserRepository(manager).resetPassword(id, passwordHash, changedAt);
      await new RefreshTokenRepository(manager).revokeAllForUser(id, now);
      await new UserAuditRepository(manager).record(id, 'password-reset', actor, {});
      return true;
    });
    return { user, oneTimePassword: password };
  }

  /** Locks the user row (inside the admin's scope, else 404), applies the change, returns the account after it. */
  private async change(
    actor: Actor,
    id: string,
    apply: (manager: EntityManager, user: StaffUserRow, now: Date) => Promise<boolean>,
  ): Promise<StaffUserResponseDto> {
    const after = await this.dataSource.transaction(async (manager) => {
      const users = new StaffUserRepository(manager);
      const prefix = managedPathPrefix(actor);
      const user = await users.findInScope(id, prefix, true);
      if (!user) throw userNotFound(id);
      // Security time (sessions), not business time: wall clock, as for tokens.
      const changed = await apply(manager, user, new Date());
      return changed ? (await users.findInScope(id, prefix))! : user;
    });
    return StaffUserResponseDto.from(after);
  }
}
