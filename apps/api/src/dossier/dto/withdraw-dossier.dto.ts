import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WithdrawDossierDto {
  @ApiProperty({ example: 'Người nộp hồ sơ xin rút hồ sơ (đơn ngày 05/11/2025)' })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(2000)
  reason: string;
}
