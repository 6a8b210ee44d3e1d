import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { KeysetQueryDto } from '../../common/pagination/keyset-query.dto';
import { IsOptional } from '../../common/validation';

/** Filters of the late and near-due lists; keyset on (appointment, id) via `?limit=&cursor=` (docs/PAGINATION.md). */
export class LateListQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ description: "Agency subtree (must be inside the supervisor's own subtree)" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() procedureId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) field?: string;

  @ApiPropertyOptional({ enum: ['in-person', 'online', 'postal'] })
  @IsOptional()
  @IsIn(['in-person', 'online', 'postal'])
  channel?: string;

  @ApiPropertyOptional({ description: 'Only dossiers received at least this many days ago' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36_500)
  minAgeDays?: number;

  @ApiPropertyOptional({ description: 'Near-due list: dossiers due within this many hours (default 24)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  withinHours?: number;
}

export class LateCaseDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() code: string;
  @ApiProperty() status: string;
  @ApiProperty() channel: string;
  @ApiProperty() procedureId: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() field: string;
  @ApiProperty() receivingAgencyId: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() appointmentAt: string;
  @ApiProperty({ description: 'Minutes past the appointment (negative: minutes left on the near-due list)' })
  lateByMinutes: number;
  @ApiProperty({ type: String, nullable: true, description: 'The agency whose step overran (from the overdue timer)' })
  lateAgencyId: string | null;
  @ApiProperty() apologyIssued: boolean;
  @ApiProperty({ description: 'Late and no apology (form 04) was issued: flagged for supervisors' })
  lateWithoutApology: boolean;
}

export class LateCasePageDto {
  @ApiProperty({ type: [LateCaseDto] }) items: LateCaseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
