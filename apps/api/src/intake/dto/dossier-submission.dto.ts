import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { ApplicantDto } from './applicant.dto';
import { ReceivedDocumentDto } from './received-document.dto';

/** What every submission carries, at the desk or through the portal. */
export abstract class DossierSubmissionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '$property must be a procedure id (UUID)' })
  procedureId: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject({ message: '$property must be an object (name, identityNumber, address, phone)' })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({ type: [ReceivedDocumentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReceivedDocumentDto)
  documents: ReceivedDocumentDto[];

  @ApiProperty({ required: false, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  numberOfSets?: number;
}
