import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StaffUserRow } from '@motcua/persistence';
import { ROLES } from '../../identity/access.decorator';

/** An account as admins see it: never a password or a hash. */
export class StaffUserResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'desk.anhoa' }) username: string;
  @ApiProperty({ example: 'Cán bộ một cửa xã An Hòa' }) displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty() agencyId: string;
  @ApiProperty({ example: '000.21.12.H62' }) agencyIdentifier: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ description: 'False once disabled: sign-in, refresh and access tokens are refused' }) active: boolean;
  @ApiProperty({ description: 'Signed in with a one-time password: must choose a new one' })
  mustChangePassword: boolean;
  @ApiPropertyOptional({ nullable: true }) disabledAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Locked after repeated wrong passwords until' })
  lockedUntil: string | null;
  @ApiProperty() createdAt: string;

  static from(row: StaffUserRow): StaffUserResponseDto {
    return Object.assign(new StaffUserResponseDto(), {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      roles: [...row.roles],
      agencyId: row.agencyId,
      agencyIdentifier: row.agencyIdentifier,
      agencyName: row.agencyName,
      active: row.active,
      mustChangePassword: row.mustChangePassword,
      disabledAt: row.disabledAt?.toISOString() ?? null,
      lockedUntil: row.lockedUntil?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    });
  }
}
