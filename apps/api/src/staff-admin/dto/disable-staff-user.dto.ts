import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

export class DisableStaffUserDto {
  @ApiPropertyOptional({ example: 'Chuyển công tác', description: 'Recorded in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
