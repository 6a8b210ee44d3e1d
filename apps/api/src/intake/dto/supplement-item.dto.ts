import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SupplementItemDto {
  @ApiProperty({ example: 'TK02' })
  @IsString()
  @MaxLength(32)
  documentCode: string;

  @ApiProperty({ example: 'Bản sao chưa được chứng thực' })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(1000)
  reason: string;
}
