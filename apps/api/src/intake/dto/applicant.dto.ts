import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** Vietnamese phone numbers: mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx, optionally +84 instead of 0. */
export const VIETNAMESE_PHONE = /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/;
/** Citizen identity card (CCCD, 12 digits) or the older identity card (CMND, 9 digits). */
export const IDENTITY_NUMBER = /^(?:\d{9}|\d{12})$/;

export class ApplicantDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '001085012345',
    description: 'CCCD (12 digits) or CMND (9 digits)',
    pattern: IDENTITY_NUMBER.source,
  })
  @Matches(IDENTITY_NUMBER, {
    message: '$property must be a 12-digit citizen identity number (or a 9-digit old identity card number)',
  })
  identityNumber: string;

  @ApiProperty({ example: 'Số 12 phố Hàng Bạc, phường Hàng Bạc, quận Hoàn Kiếm, Hà Nội' })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(500)
  address: string;

  @ApiProperty({ example: '0912345678', pattern: VIETNAMESE_PHONE.source })
  @Matches(VIETNAMESE_PHONE, {
    message: '$property must be a Vietnamese phone number (e.g. 0912345678 or +84912345678)',
  })
  phone: string;

  @ApiProperty({ required: false, example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  email?: string;
}
