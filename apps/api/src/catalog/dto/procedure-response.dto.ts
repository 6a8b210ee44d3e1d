import { ApiProperty } from '@nestjs/swagger';
import type { ProcedureEntity } from '@motcua/persistence';
import { RequiredDocumentDto } from './required-document.dto';

export class ProcedureResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() field: string;
  @ApiProperty() level: string;
  @ApiProperty() legalTimeValue: number;
  @ApiProperty() legalTimeUnit: string;
  @ApiProperty() legalTimeMinutes: number;
  @ApiProperty({ type: String, nullable: true }) cutoffTime: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['restart', 'pause'], description: "null = the rule set's" })
  supplementClock: string | null;
  @ApiProperty() feeRule: { mode: string; amount: number; paid: string };
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments: Array<{
    code: string;
    name: string;
    form: string;
    count: number;
    mandatory: boolean;
  }>;
  @ApiProperty({ type: [String] }) channels: string[];
  @ApiProperty() onlineLevel: string;
  @ApiProperty() resultType: string;
  @ApiProperty() ruleSetId: string;
  @ApiProperty() receivingAgencyIds: string[];
  @ApiProperty({ type: String, nullable: true }) handlingAgencyId: string | null;
  @ApiProperty() participatingAgencyIds: string[];
  @ApiProperty() active: boolean;

  static from(procedure: ProcedureEntity): ProcedureResponseDto {
    return {
      id: procedure.id,
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      level: procedure.level,
      legalTimeValue: procedure.legalTimeValue,
      legalTimeUnit: procedure.legalTimeUnit,
      legalTimeMinutes: procedure.legalTimeMinutes,
      cutoffTime: procedure.cutoffTime,
      supplementClock: procedure.supplementClock ?? null,
      feeRule: procedure.feeRule,
      requiredDocuments: procedure.requiredDocuments,
      channels: procedure.channels,
      onlineLevel: procedure.onlineLevel,
      resultType: procedure.resultType,
      ruleSetId: procedure.ruleSetId,
      receivingAgencyIds: procedure.receivingAgencyIds,
      handlingAgencyId: procedure.handlingAgencyId,
      participatingAgencyIds: procedure.participatingAgencyIds,
      active: procedure.active,
    };
  }
}
