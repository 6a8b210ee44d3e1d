import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class IndicatorValueDto {
  @ApiProperty({
    enum: ['onTime', 'online', 'electronicHandover', 'onlinePayment', 'digitizedResults', 'reuse', 'satisfaction'],
  })
  id: string;

  @ApiProperty({ example: 'qd766.on-time', description: 'Persistent name of the formula' })
  formula: string;

  @ApiProperty({ description: 'Legal source of the formula' })
  legalSource: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  numerator: number;

  @ApiProperty()
  denominator: number;

  @ApiProperty({ nullable: true, type: Number, description: 'numerator ÷ denominator (6 decimals); null when 0 ÷ 0' })
  value: number | null;

  @ApiProperty({ description: 'Configured target (share 0..1)' })
  target: number;

  @ApiProperty({ nullable: true, type: Boolean, description: 'value ≥ target' })
  met: boolean | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  details?: Record<string, number | null>;
}

export class IndicatorsResponseDto {
  @ApiProperty({ example: '2026-11-01' })
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  to: string;

  @ApiProperty({ example: 'QD766-2022' })
  ruleSet: string;

  @ApiProperty({ example: 'KH-2021-2025' })
  targetSet: string;

  @ApiProperty({ type: [IndicatorValueDto] })
  indicators: IndicatorValueDto[];
}
