import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** The desk hands the result over: who received it and the identity document shown. */
export class HandoverDto {
  @ApiProperty({
    example: 'Nguyễn Văn An',
    description: 'who received the result (the applicant or an authorised person)',
  })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(200)
  receivedBy: string;

  @ApiProperty({ example: 'CCCD 001090012345', description: 'the identity document shown' })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(200)
  identityDocument: string;

  @ApiProperty({ required: false, description: 'e.g. the power of attorney of an authorised person' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
