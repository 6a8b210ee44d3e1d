import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** GET lookup: the secret belongs in the X-Lookup-Secret header; the query form stays for old links only. */
export class CitizenLookupGetQueryDto {
  @ApiPropertyOptional({
    deprecated: true,
    description: 'Deprecated: URLs end up in browser history and proxy logs. Use the X-Lookup-Secret header or POST.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'secret must be letters and digits' })
  secret?: string;
}
