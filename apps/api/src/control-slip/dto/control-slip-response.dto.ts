import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SlipAgencyDto {
  @ApiProperty() id: string;
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
}

export class ControlSlipHandOverDto {
  @ApiProperty({ description: 'The giving step (whose agency the result judges)' }) stepTaskId: string;
  @ApiProperty() stepId: string;
  @ApiProperty() attempt: number;
  @ApiProperty() branchKey: string;
  @ApiProperty({ type: SlipAgencyDto }) fromAgency: SlipAgencyDto;
  @ApiPropertyOptional({ type: SlipAgencyDto, nullable: true, description: 'null = back to the desk with the result' })
  toAgency: SlipAgencyDto | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toStepId: string | null;
  @ApiProperty() handedOverAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ description: "The giving agency's own deadline for its step" }) deadlineAt: string;
  @ApiProperty({ enum: ['early', 'on-time', 'late'] }) result: string;
  @ApiProperty({ enum: ['electronic', 'paper'] }) handover: string;
  @ApiProperty() outcome: string;
  @ApiProperty() note: string;
}

export class ControlSlipPendingStepDto {
  @ApiProperty() stepTaskId: string;
  @ApiProperty() stepId: string;
  @ApiProperty({ type: SlipAgencyDto }) agency: SlipAgencyDto;
  @ApiProperty() status: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() deadlineAt: string;
}

export class ControlSlipResponseDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() dossierCode: string;
  @ApiProperty() applicantName: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) appointmentAt: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: [ControlSlipHandOverDto] }) handOvers: ControlSlipHandOverDto[];
  @ApiProperty({ type: [ControlSlipPendingStepDto] }) pendingSteps: ControlSlipPendingStepDto[];
  @ApiProperty({ description: 'Electronic hand-overs ÷ all hand-overs (target ≥ 80%)' }) electronicHandOverShare:
    number | null;
}
