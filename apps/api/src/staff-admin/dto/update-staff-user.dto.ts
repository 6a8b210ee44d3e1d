import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { ROLES } from '../../identity/access.decorator';

/** What an admin may change on an account (username stays; password only through reset). */
export class UpdateStaffUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  roles?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
