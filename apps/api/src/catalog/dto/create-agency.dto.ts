import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsNullable, IsOptional } from '../../common/validation';
import { AGENCY_LEVELS, AgencyLevel } from '@motcua/persistence';

export class CreateAgencyDto {
  @ApiProperty({ example: '000.00.12.H62', description: 'QCVN 102:2016 electronic identifier' })
  @Matches(/^(?:[A-Z]\d{2}|[A-Z0-9]{2,3}(?:\.[A-Z0-9]{2,3}){1,3})$/, {
    message: '$property must be a QCVN 102 agency identifier such as 000.00.12.H62',
  })
  identifier: string;

  @ApiProperty({ example: 'UBND quận Ba Đình' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ enum: AGENCY_LEVELS })
  @IsIn(AGENCY_LEVELS)
  level: AgencyLevel;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsNullable()
  @IsUUID('all')
  parentId?: string | null;

  @ApiProperty({ required: false, default: false })
  @IsOptional()
  @IsBoolean()
  hasDesk?: boolean;

  @ApiProperty({ required: false, nullable: true })
  @IsNullable()
  @IsString()
  @MaxLength(1000)
  address?: string | null;
}
