import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DOCUMENT_FORMS, DocumentForm } from '@motcua/persistence';

export class RequiredDocumentDto {
  @ApiProperty({ example: 'TK01' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '$property must be 1–32 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: 'Tờ khai đăng ký khai sinh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ enum: DOCUMENT_FORMS })
  @IsIn(DOCUMENT_FORMS)
  form: DocumentForm;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  count: number;

  @ApiProperty()
  @IsBoolean()
  mandatory: boolean;
}
