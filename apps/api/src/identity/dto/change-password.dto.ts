import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  /** NIST SP 800-63B: at least 8 characters (we ask 10), long passphrases allowed; see password-policy.ts. */
  @ApiProperty({
    minLength: 10,
    maxLength: 1024,
    description: 'Not common, repetitive, sequential or containing the username',
  })
  @IsString()
  @MinLength(10, { message: 'newPassword: use at least 10 characters (a few words make a good password)' })
  @MaxLength(1024)
  newPassword: string;
}
