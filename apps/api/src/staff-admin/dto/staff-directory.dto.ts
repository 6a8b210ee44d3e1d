import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { StaffUserRow } from '@motcua/persistence';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsOptional } from '../../common/validation';
import { ROLES } from '../../identity/access.decorator';

export class StaffDirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only colleagues with this role' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: string;

  @ApiPropertyOptional({ description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** A colleague as the staff directory shows them: who, not how their account stands. */
export class StaffDirectoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'officer.land' }) username: string;
  @ApiProperty({ example: 'Chuyên viên Văn phòng Đăng ký đất đai' }) displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];

  static from(row: StaffUserRow): StaffDirectoryEntryDto {
    return { id: row.id, username: row.username, displayName: row.displayName, roles: [...row.roles] };
  }
}

export class StaffDirectoryPageDto {
  @ApiProperty({ type: [StaffDirectoryEntryDto] }) items: StaffDirectoryEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
