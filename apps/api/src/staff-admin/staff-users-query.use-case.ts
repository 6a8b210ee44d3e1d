import { Inject, Injectable } from '@nestjs/common';
import { StaffUserRepository, UserAuditRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { PageQueryDto } from '../catalog/dto/page-query.dto';
import { StaffUserListQueryDto } from './dto/staff-user-list-query.dto';
import { StaffUserPageDto } from './dto/staff-user-page.dto';
import { StaffUserResponseDto } from './dto/staff-user-response.dto';
import { UserAuditEventDto, UserAuditPageDto } from './dto/user-audit-event.dto';
import { managedPathPrefix, userNotFound } from './staff-scope';

/** Reads of staff administration: the user list, one user, a user's audit trail — all within the admin's scope. */
@Injectable()
export class StaffUsersQueryUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: StaffUserListQueryDto): Promise<StaffUserPageDto> {
    const { items, total } = await new StaffUserRepository(this.dataSource.manager).page(
      {
        agencyPathPrefix: managedPathPrefix(actor),
        agencyId: query.agencyId,
        role: query.role,
        active: query.active,
        search: query.search,
      },
      query.page,
      query.pageSize,
    );
    return { items: items.map(StaffUserResponseDto.from), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<StaffUserResponseDto> {
    const user = await new StaffUserRepository(this.dataSource.manager).findInScope(id, managedPathPrefix(actor));
    if (!user) throw userNotFound(id);
    return StaffUserResponseDto.from(user);
  }

  async audit(actor: Actor, id: string, query: PageQueryDto): Promise<UserAuditPageDto> {
    await this.get(actor, id);
    const { items, total } = await new UserAuditRepository(this.dataSource.manager).page(
      id,
      query.page,
      query.pageSize,
    );
    return { items: items.map(UserAuditEventDto.from), total, page: query.page, pageSize: query.pageSize };
  }
}
