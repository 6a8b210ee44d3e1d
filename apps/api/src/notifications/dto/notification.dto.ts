import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsOptional } from '../../common/validation';

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'deadline.overdue' }) kind: string;
  @ApiProperty({ example: 'Hồ sơ quá hạn xử lý', description: 'Vietnamese title of the notification' }) title: string;
  @ApiProperty({ nullable: true, type: String }) dossierId: string | null;
  @ApiProperty({ nullable: true, type: String }) dossierCode: string | null;
  @ApiProperty({ example: 'agency_lead' }) recipientRole: string;
  @ApiProperty({ nullable: true, type: String }) recipientAgencyId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty() read: boolean;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Unread notifications in all (not only this page)' }) unread: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class NotificationsReadDto {
  @ApiProperty({ description: 'Notifications marked read (already read ones included)' }) marked: number;
}
