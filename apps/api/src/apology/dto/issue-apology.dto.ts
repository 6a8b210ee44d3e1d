import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIsoInstant, IsOptional } from '../../common/validation';

/** Form 04: why the dossier will be late, whose fault, and the new appointment. */
export class IssueApologyDto {
  @ApiProperty({ example: 'Cần xác minh thực địa', description: 'Reason for the delay' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: 'Phòng Tài nguyên và Môi trường', description: 'The unit responsible for the delay' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  responsibleUnit: string;

  @ApiPropertyOptional({ description: "Agency id of the responsible unit (defaults to the actor's agency)" })
  @IsOptional()
  @IsUUID()
  responsibleAgencyId?: string;

  @ApiProperty({ example: '2026-03-20T09:00:00+07:00', description: 'The new appointment (ISO 8601)' })
  @IsIsoInstant()
  newAppointmentAt: string;

  @ApiPropertyOptional({
    example: 'Bộ phận Tiếp nhận và Trả kết quả',
    description: 'Where the result will be returned',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  newAppointmentPlace?: string;
}
