import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { hashPassword, StaffUserRepository, UserAuditRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { OneTimePasswordDto } from './dto/one-time-password.dto';
import { StaffUserResponseDto } from './dto/staff-user-response.dto';
import { agencyInScope, managedPathPrefix, oneTimePassword } from './staff-scope';

/** An admin creates an account in an agency of their scope; the user gets a one-time password to replace at once. */
@Injectable()
export class CreateStaffUserUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(actor: Actor, dto: CreateStaffUserDto): Promise<OneTimePasswordDto> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const roles = [...new Set(dto.roles)];
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        await agencyInScope(manager, actor, dto.agencyId);
        const users = new StaffUserRepository(manager);
        if (await users.usernameTaken(dto.username)) throw taken(dto.username);
        const id = await users.insert({ ...dto, roles, passwordHash });
        await new UserAuditRepository(manager).record(id, 'created', actor, {
          username: dto.username,
          displayName: dto.displayName,
          roles,
          agencyId: dto.agencyId,
        });
        return (await users.findInScope(id, managedPathPrefix(actor)))!;
      });
      return { user: StaffUserResponseDto.from(user), oneTimePassword: password };
    } catch (error) {
      // Two admins creating the same username at once: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw taken(dto.username);
      throw error;
    }
  }
}

function taken(username: string): DomainError {
  return new DomainError('staff.username-taken', `The username ${username} is already in use`, 'conflict');
}
