import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** The lookup secret printed on the receipt (form 01), in the body to keep it out of access logs. */
export class CitizenPaymentDto {
  @ApiProperty({ example: 'K7QF-3MZP-9TXA' })
  @IsString()
  @Length(4, 64)
  secret: string;
}
