import { ApiProperty } from '@nestjs/swagger';

/** Baseline, scenario and difference of one outcome. */
export class OutcomeDeltaDto {
  @ApiProperty({ nullable: true, type: Number })
  baseline: number | null;

  @ApiProperty({ nullable: true, type: Number })
  scenario: number | null;

  @ApiProperty({ nullable: true, type: Number })
  difference: number | null;
}

export class AgencyComparisonDto {
  @ApiProperty({ example: 'H62.TP' })
  agencyCode: string;

  @ApiProperty({ type: OutcomeDeltaDto, description: 'Steps completed late plus open overdue steps at the end' })
  lateCount: OutcomeDeltaDto;

  @ApiProperty({ type: OutcomeDeltaDto, description: 'Open steps at the end of the period' })
  backlogAtEnd: OutcomeDeltaDto;
}

export class ProcedureComparisonDto {
  @ApiProperty({ example: '1.000003' })
  procedureCode: string;

  @ApiProperty({ type: OutcomeDeltaDto })
  onTimeRate: OutcomeDeltaDto;

  @ApiProperty({ type: OutcomeDeltaDto })
  lateCount: OutcomeDeltaDto;
}

/** The comparison; `baseline` and `scenario` carry the full results (totals, indicators, per agency / procedure). */
export class SimulationResponseDto {
  @ApiProperty({ example: 'Giảm một nửa cán bộ Sở Tư pháp' })
  name: string;

  @ApiProperty({ example: 'Generated province (H62, placeholder codes)' })
  model: string;

  @ApiProperty({ type: OutcomeDeltaDto, description: 'QĐ 766 on-time rate' })
  onTimeRate: OutcomeDeltaDto;

  @ApiProperty({ type: OutcomeDeltaDto })
  onlineRate: OutcomeDeltaDto;

  @ApiProperty({ type: OutcomeDeltaDto })
  lateCount: OutcomeDeltaDto;

  @ApiProperty({ type: [AgencyComparisonDto] })
  agencies: AgencyComparisonDto[];

  @ApiProperty({ type: [ProcedureComparisonDto] })
  procedures: ProcedureComparisonDto[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'SimulationResult of the baseline' })
  baseline: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'SimulationResult of the scenario' })
  scenario: Record<string, unknown>;
}
