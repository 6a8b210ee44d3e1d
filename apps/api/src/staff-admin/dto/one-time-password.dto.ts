import { ApiProperty } from '@nestjs/swagger';
import { StaffUserResponseDto } from './staff-user-response.dto';

/** Shown once to the admin, who hands it to the user; the user must replace it at the first sign-in. */
export class OneTimePasswordDto {
  @ApiProperty({ type: StaffUserResponseDto }) user: StaffUserResponseDto;
  @ApiProperty({ description: 'One-time password (shown once, never stored in clear, never logged)' })
  oneTimePassword: string;
}
