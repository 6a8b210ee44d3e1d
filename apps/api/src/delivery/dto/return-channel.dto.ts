import { ApiProperty } from '@nestjs/swagger';
import { RETURN_CHANNELS, ReturnChannel } from '@motcua/domain';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { VIETNAMESE_PHONE } from '../../intake/dto/applicant.dto';

/** Where the postal service brings the result (QĐ 45/2016). */
export class PostalRecipientDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Số 12 phố Hàng Bạc, phường Hàng Bạc' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address: string;

  @ApiProperty({ example: '0912345678' })
  @Matches(VIETNAMESE_PHONE, { message: '$property must be a Vietnamese phone number' })
  phone: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}

/** How the applicant wants the result back (changeable until the result is ready). */
export class ReturnChannelDto {
  @ApiProperty({ enum: RETURN_CHANNELS, description: 'desk pick-up, online download, or postal delivery' })
  @IsIn(RETURN_CHANNELS, { message: `$property must be one of ${RETURN_CHANNELS.join(', ')}` })
  channel: ReturnChannel;

  @ApiProperty({
    type: PostalRecipientDto,
    required: false,
    description: "postal: where to (default: the applicant's address)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostalRecipientDto)
  recipient?: PostalRecipientDto;
}
