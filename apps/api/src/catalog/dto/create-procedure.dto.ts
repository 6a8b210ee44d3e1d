import type { SupplementClockMode } from '@motcua/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNullable, IsOptional } from '../../common/validation';
import { DOSSIER_CHANNELS, RULE_SETS } from '@motcua/domain';
import {
  LEGAL_TIME_UNITS,
  LegalTimeUnit,
  ONLINE_LEVELS,
  OnlineLevel,
  PROCEDURE_LEVELS,
  ProcedureLevel,
  RESULT_TYPES,
  ResultType,
} from '@motcua/persistence';
import { FeeRuleDto } from './fee-rule.dto';
import { RequiredDocumentDto } from './required-document.dto';

export class CreateProcedureDto {
  @ApiProperty({ example: '1.001193' })
  @Matches(/^\d\.\d{6}(?:\.[A-Z0-9]{2,3}){0,4}$/, {
    message: '$property must be a national procedure code such as 1.001234',
  })
  code: string;

  @ApiProperty({ example: 'Đăng ký khai sinh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  name: string;

  @ApiProperty({ example: 'Hộ tịch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  field: string;

  @ApiProperty({ enum: PROCEDURE_LEVELS })
  @IsIn(PROCEDURE_LEVELS)
  level: ProcedureLevel;

  @ApiProperty({ example: 3 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(3650)
  legalTimeValue: number;

  @ApiProperty({ enum: LEGAL_TIME_UNITS })
  @IsIn(LEGAL_TIME_UNITS)
  legalTimeUnit: LegalTimeUnit;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    example: '15:00',
    description: "Local time HH:mm; 'none' = no cut-off; absent or null = the rule set's defaultCutoffTime",
  })
  @IsNullable()
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|none)$/, { message: "$property must be a local time HH:mm or 'none'" })
  cutoffTime?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    enum: ['restart', 'pause'],
    description:
      "After a supplement the dossier clock restarts from zero or resumes where it paused; one of the rule set's " +
      "supplementClockChoices; absent or null = the rule set's supplementClock. Pinned on each dossier at intake.",
  })
  @IsNullable()
  @IsIn(['restart', 'pause'])
  supplementClock?: SupplementClockMode | null;

  @ApiProperty({ type: FeeRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FeeRuleDto)
  feeRule: FeeRuleDto;

  @ApiProperty({ type: [RequiredDocumentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentDto)
  requiredDocuments: RequiredDocumentDto[];

  @ApiProperty({ enum: DOSSIER_CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DOSSIER_CHANNELS, { each: true })
  channels: string[];

  @ApiProperty({ enum: ONLINE_LEVELS })
  @IsIn(ONLINE_LEVELS)
  onlineLevel: OnlineLevel;

  @ApiProperty({ enum: RESULT_TYPES })
  @IsIn(RESULT_TYPES)
  resultType: ResultType;

  @ApiProperty({ enum: Object.keys(RULE_SETS) })
  @IsIn(Object.keys(RULE_SETS))
  ruleSetId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @IsUUID('all', { each: true })
  receivingAgencyIds: string[];

  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsNullable()
  @IsUUID('all')
  handlingAgencyId?: string | null;

  @ApiProperty({ required: false, type: [String], description: 'other agencies of an inter-agency procedure' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  participatingAgencyIds?: string[];

  @ApiProperty({ required: false, default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
