import { Module } from '@nestjs/common';
import { CreateStaffUserUseCase } from './create-staff-user.use-case';
import { StaffAccountUseCase } from './staff-account.use-case';
import { StaffAdminController } from './staff-admin.controller';
import { StaffDirectoryController } from './staff-directory.controller';
import { StaffUsersQueryUseCase } from './staff-users-query.use-case';
import { UpdateStaffUserUseCase } from './update-staff-user.use-case';

/**
 * Staff administration: admins manage accounts (create, change, disable/enable, reset password), audited; and the
 * staff directory of one's own agency.
 */
@Module({
  controllers: [StaffAdminController, StaffDirectoryController],
  providers: [StaffUsersQueryUseCase, CreateStaffUserUseCase, UpdateStaffUserUseCase, StaffAccountUseCase],
})
export class StaffAdminModule {}
