import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { StaffUserRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { StaffDirectoryEntryDto, StaffDirectoryPageDto, StaffDirectoryQueryDto } from './dto/staff-directory.dto';

/**
 * The staff directory: enabled colleagues of my own agency (whom a lead assigns a step to), by role and name.
 * Never another agency's staff, never account state (that is staff administration, admins only).
 */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
@ApiUnauthorizedResponse({ description: 'No or invalid bearer token' })
@ApiForbiddenResponse({ description: 'Roles allowed: desk_officer, agency_officer, agency_lead, supervisor' })
export class StaffDirectoryController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: 'Enabled colleagues of your agency (paginated; filter by role, name)' })
  @ApiOkResponse({ type: StaffDirectoryPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or page' })
  async list(@CurrentActor() actor: Actor, @Query() query: StaffDirectoryQueryDto): Promise<StaffDirectoryPageDto> {
    const { items, total } = await new StaffUserRepository(this.dataSource.manager).page(
      {
        agencyPathPrefix: actor.agencyPath,
        agencyId: actor.agencyId,
        role: query.role,
        active: true,
        search: query.search,
      },
      query.page,
      query.pageSize,
    );
    return { items: items.map(StaffDirectoryEntryDto.from), total, page: query.page, pageSize: query.pageSize };
  }
}
