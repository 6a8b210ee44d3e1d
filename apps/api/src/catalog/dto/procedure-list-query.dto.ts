import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

export class ProcedureListQueryDto extends PageQueryDto {
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(100) field?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsUUID('all') receivingAgencyId?: string;
  @ApiProperty({ required: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
