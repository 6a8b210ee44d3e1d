import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../identity/access.decorator';

export class CreateStaffUserDto {
  @ApiProperty({ example: 'desk.anhoa2', description: 'Letters, digits, dot, dash, underscore; unique' })
  @IsString()
  @MinLength(3)
  @MaxLength(64)
  @Matches(/^[a-zA-Z0-9._-]+$/, { message: 'username may contain letters, digits, dot, dash and underscore only' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  roles: string[];

  @ApiProperty({ description: 'The agency the user works for' })
  @IsUUID()
  agencyId: string;
}
