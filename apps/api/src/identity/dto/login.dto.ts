import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'desk.anhoa' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username: string;

  @ApiProperty({ example: 'demo-desk-anhoa' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}
