import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ROLES } from '../../identity/access.decorator';

export class StaffUserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;

  @ApiPropertyOptional({ description: 'true: enabled accounts only; false: disabled only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
