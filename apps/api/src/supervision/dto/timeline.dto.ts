import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

/** `?page=&pageSize=` (docs/PAGINATION.md). */
export class TimelineQueryDto extends PageQueryDto {}

export class TimelineEventDto {
  @ApiProperty() sequence: number;
  @ApiProperty({ example: 'step-completed' }) type: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorAgencyId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEventDto] }) items: TimelineEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
