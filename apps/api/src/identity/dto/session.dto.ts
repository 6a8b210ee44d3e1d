import { ApiProperty } from '@nestjs/swagger';

/** Tokens of a signed-in session. */
export class SessionDto {
  @ApiProperty({ description: 'Short-lived JWT for `Authorization: Bearer`' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ description: 'Opaque, single-use: POST /auth/refresh returns a new one' })
  refreshToken: string;

  @ApiProperty()
  refreshExpiresAt: string;

  @ApiProperty({
    description:
      'True after an admin reset the password: the session may only change the password (POST /auth/password), ' +
      'read /auth/me and sign out until then',
  })
  passwordChangeRequired: boolean;
}
