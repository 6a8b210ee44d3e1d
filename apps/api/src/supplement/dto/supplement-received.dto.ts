import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** The applicant brought the documents asked for after appraisal (NĐ 61/2018 Art. 16). */
export class SupplementReceivedDto {
  @ApiPropertyOptional({ example: 'Đã nhận bổ sung Giấy chứng sinh (bản chính)', description: 'What was received' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SupplementReceivedResponseDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The appointment after the clock resumed (restarted or shifted per the rule set)',
  })
  appointmentAt: string | null;
  @ApiProperty({ description: 'The step that asked for the supplement; it starts again (routing, asynchronously)' })
  stepId: string;
}
