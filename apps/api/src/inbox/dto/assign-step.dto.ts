import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsOptional, MAX_INT32 } from '../../common/validation';

export class AssignStepDto {
  @ApiProperty({ format: 'uuid', description: 'An officer of the same agency' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  version?: number;
}
