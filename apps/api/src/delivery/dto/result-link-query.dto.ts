import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ResultLinkQueryDto {
  @ApiProperty({ description: 'the lookup secret printed on the receipt' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9\s-]+$/, { message: '$property must be the lookup secret printed on the receipt' })
  secret: string;
}

export class ResultLinkDto {
  @ApiProperty({ description: 'signed download link (relative to PUBLIC_BASE_URL when it is not set)' })
  url: string;

  @ApiProperty()
  expiresAt: string;
}
