import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** The lookup secret printed on the receipt (form 01), in the body to keep it out of access logs. */
export class CitizenPaymentDto {
  @ApiProperty({ example: 'K7M2Q9XW4P' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'secret must be letters and digits' })
  secret: string;
}
