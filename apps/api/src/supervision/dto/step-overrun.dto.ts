import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsIsoInstant, IsOptional } from '../../common/validation';

export class StepOverrunQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Only steps of this agency's subtree (inside the supervisor's own subtree)" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({
    description: 'Period start (ISO 8601 instant, inclusive): overruns whose deadline passed from',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Period end (ISO 8601 instant, exclusive); default now' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}

export class StepOverrunDto {
  @ApiProperty() stepTaskId: string;
  @ApiProperty() stepId: string;
  @ApiProperty() dossierId: string;
  @ApiProperty() dossierCode: string;
  @ApiProperty() agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ description: "The step clock's deadline (the instant its overdue fires)" }) deadlineAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while the step is still open' })
  completedAt: string | null;
  @ApiProperty({ description: 'Still open (overrunning now)' }) open: boolean;
  @ApiProperty({ description: 'Working minutes from the deadline to the hand-over (or now)' })
  overrunWorkingMinutes: number;
  @ApiProperty({ description: 'Clock minutes from the deadline to the hand-over (or now)' }) overrunMinutes: number;
}

export class StepOverrunPageDto {
  @ApiProperty({ type: [StepOverrunDto] }) items: StepOverrunDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
