import { ApiProperty } from '@nestjs/swagger';
import { USER_AUDIT_ACTIONS, type UserAuditEventRow } from '@motcua/persistence';

export class UserAuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: USER_AUDIT_ACTIONS }) action: string;
  @ApiProperty() actorUserId: string;
  @ApiProperty() actorUsername: string;
  @ApiProperty({ description: 'What changed (before/after), or the reason of a disable' })
  details: Record<string, unknown>;
  @ApiProperty() occurredAt: string;

  static from(row: UserAuditEventRow): UserAuditEventDto {
    return Object.assign(new UserAuditEventDto(), {
      id: row.id,
      action: row.action,
      actorUserId: row.actorUserId,
      actorUsername: row.actorUsername,
      details: row.details,
      occurredAt: row.occurredAt.toISOString(),
    });
  }
}

export class UserAuditPageDto {
  @ApiProperty({ type: [UserAuditEventDto] }) items: UserAuditEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
