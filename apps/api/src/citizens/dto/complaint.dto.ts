import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsOptional } from '../../common/validation';

/**
 * A complaint (phản ánh, kiến nghị) about a dossier (its code + lookup secret) or about an agency (its identifier).
 */
export class SubmitComplaintDto {
  @ApiPropertyOptional({ description: 'Dossier code (with `secret`), for a complaint about a dossier' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dossierCode?: string;

  @ApiPropertyOptional({ description: 'The lookup secret printed on the receipt' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'secret must be letters and digits' })
  secret?: string;

  @ApiPropertyOptional({
    description: 'Agency identifier (QCVN 102), for a complaint about an agency',
    example: '000.21.12.H62',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  agencyIdentifier?: string;

  @ApiProperty({ description: 'Họ và tên', maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'Phone or e-mail for the answer', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;

  @ApiProperty({ description: 'Nội dung phản ánh, kiến nghị', maxLength: 5000 })
  @IsString()
  @MinLength(5)
  @MaxLength(5000)
  content: string;
}

export class ComplaintReceiptDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ description: 'Agency the complaint is assigned to' })
  agencyName: string;

  @ApiProperty()
  receivedAt: string;

  @ApiProperty({ description: 'The answer is due by this instant (working days from the configuration)' })
  dueAt: string;
}

export class AnswerComplaintDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  answer: string;
}

export class ComplaintListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['received', 'answered'] })
  @IsOptional()
  @IsIn(['received', 'answered'], { message: 'status must be received or answered' })
  status?: 'received' | 'answered';
}

export class ComplaintDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['dossier', 'agency'] })
  subject: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  dossierCode: string | null;

  @ApiProperty()
  agencyId: string;

  @ApiProperty()
  agencyName: string;

  @ApiProperty()
  complainantName: string;

  @ApiProperty()
  content: string;

  @ApiProperty({ enum: ['received', 'answered'] })
  status: string;

  @ApiProperty()
  receivedAt: string;

  @ApiProperty()
  dueAt: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  answer: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  answeredAt: string | null;

  @ApiProperty({ description: 'Unanswered past its due instant, or answered after it' })
  late: boolean;
}

export class ComplaintPageDto {
  @ApiProperty({ type: [ComplaintDto] })
  items: ComplaintDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
