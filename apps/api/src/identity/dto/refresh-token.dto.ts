import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A refresh token, for POST /auth/refresh and POST /auth/logout. */
export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken: string;
}
