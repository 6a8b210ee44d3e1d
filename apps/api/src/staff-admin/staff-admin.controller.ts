import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PageQueryDto } from '../catalog/dto/page-query.dto';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { CreateStaffUserUseCase } from './create-staff-user.use-case';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { DisableStaffUserDto } from './dto/disable-staff-user.dto';
import { OneTimePasswordDto } from './dto/one-time-password.dto';
import { StaffUserListQueryDto } from './dto/staff-user-list-query.dto';
import { StaffUserPageDto } from './dto/staff-user-page.dto';
import { StaffUserResponseDto } from './dto/staff-user-response.dto';
import { UpdateStaffUserDto } from './dto/update-staff-user.dto';
import { UserAuditPageDto } from './dto/user-audit-event.dto';
import { StaffAccountUseCase } from './staff-account.use-case';
import { UpdateStaffUserUseCase } from './update-staff-user.use-case';
import { StaffUsersQueryUseCase } from './staff-users-query.use-case';

/** Staff administration (issue 10): accounts of officers, leads, supervisors and admins, within the admin's scope. */
@ApiTags('admin: staff')
@ApiBearerAuth()
@Controller('admin/users')
@Roles('admin')
@ApiUnauthorizedResponse({ description: 'No or invalid bearer token' })
@ApiForbiddenResponse({ description: 'Roles allowed: admin' })
export class StaffAdminController {
  constructor(
    private readonly queries: StaffUsersQueryUseCase,
    private readonly create: CreateStaffUserUseCase,
    private readonly update: UpdateStaffUserUseCase,
    private readonly accounts: StaffAccountUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Staff accounts (paginated; filter by agency, role, enabled, name) — roles: admin' })
  @ApiOkResponse({ type: StaffUserPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or page' })
  list(@CurrentActor() actor: Actor, @Query() query: StaffUserListQueryDto): Promise<StaffUserPageDto> {
    return this.queries.list(actor, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an account; answers a one-time password to hand over (forced change) — roles: admin',
  })
  @ApiCreatedResponse({ type: OneTimePasswordDto })
  @ApiBadRequestResponse({ description: 'Invalid username, roles or agency id' })
  @ApiNotFoundResponse({ description: 'Unknown agency (or outside your scope)' })
  @ApiConflictResponse({ description: 'Username already in use' })
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateStaffUserDto): Promise<OneTimePasswordDto> {
    return this.create.execute(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff account — roles: admin' })
  @ApiOkResponse({ type: StaffUserResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown user (or outside your scope)' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffUserResponseDto> {
    return this.queries.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change display name, roles or agency (applies to current sessions at once) — roles: admin',
  })
  @ApiOkResponse({ type: StaffUserResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown user or agency (or outside your scope)' })
  @ApiUnprocessableEntityResponse({ description: 'Removing your own admin role' })
  updateUser(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStaffUserDto,
  ): Promise<StaffUserResponseDto> {
    return this.update.execute(actor, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable: sign-in, refresh and access tokens stop working at once — roles: admin' })
  @ApiOkResponse({ type: StaffUserResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown user (or outside your scope)' })
  @ApiUnprocessableEntityResponse({ description: 'Disabling your own account' })
  disable(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DisableStaffUserDto,
  ): Promise<StaffUserResponseDto> {
    return this.accounts.disable(actor, id, body.reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable a disabled account — roles: admin' })
  @ApiOkResponse({ type: StaffUserResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown user (or outside your scope)' })
  enable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffUserResponseDto> {
    return this.accounts.enable(actor, id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reset the password: a one-time password, changed at the next sign-in; every session ends — roles: admin',
  })
  @ApiOkResponse({ type: OneTimePasswordDto })
  @ApiNotFoundResponse({ description: 'Unknown user (or outside your scope)' })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OneTimePasswordDto> {
    return this.accounts.resetPassword(actor, id);
  }

  @Get(':id/audit-events')
  @ApiOperation({ summary: "The account's audit trail, newest first (paginated) — roles: admin" })
  @ApiOkResponse({ type: UserAuditPageDto })
  @ApiNotFoundResponse({ description: 'Unknown user (or outside your scope)' })
  audit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<UserAuditPageDto> {
    return this.queries.audit(actor, id, query);
  }
}
