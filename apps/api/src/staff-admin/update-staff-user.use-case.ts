import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { StaffUserRepository, UserAuditRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { StaffUserResponseDto } from './dto/staff-user-response.dto';
import { UpdateStaffUserDto } from './dto/update-staff-user.dto';
import { agencyInScope, managedPathPrefix, userNotFound } from './staff-scope';

/**
 * An admin changes a user's display name, roles or agency (both inside their scope). The guard reads roles and
 * agency from the account on every request, so the change applies to the user's current tokens at once.
 */
@Injectable()
export class UpdateStaffUserUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(actor: Actor, id: string, dto: UpdateStaffUserDto): Promise<StaffUserResponseDto> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const users = new StaffUserRepository(manager);
      const prefix = managedPathPrefix(actor);
      const before = await users.findInScope(id, prefix, true);
      if (!before) throw userNotFound(id);
      if (dto.agencyId) await agencyInScope(manager, actor, dto.agencyId);
      const roles = dto.roles ? [...new Set(dto.roles)] : undefined;
      if (id === actor.userId && roles && !roles.includes('admin'))
        throw new DomainError('staff.own-admin-role', 'You cannot remove your own admin role', 'precondition');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (dto.displayName !== undefined && dto.displayName !== before.displayName)
        changes.displayName = { from: before.displayName, to: dto.displayName };
      if (roles && [...roles].sort().join() !== [...before.roles].sort().join())
        changes.roles = { from: before.roles, to: roles };
      if (dto.agencyId && dto.agencyId !== before.agencyId)
        changes.agencyId = { from: before.agencyId, to: dto.agencyId };
      if (Object.keys(changes).length === 0) return before;
      await users.update(id, { displayName: dto.displayName, roles, agencyId: dto.agencyId });
      await new UserAuditRepository(manager).record(id, 'updated', actor, changes);
      return (await users.findInScope(id, prefix))!;
    });
    return StaffUserResponseDto.from(updated);
  }
}
