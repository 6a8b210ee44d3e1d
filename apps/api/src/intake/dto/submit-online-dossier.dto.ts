import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ApplicantDto } from './applicant.dto';
import { ReceivedDocumentDto } from './received-document.dto';

/** A portal submits an online dossier: complete → accepted, incomplete → one notice listing everything missing. */
export class SubmitOnlineDossierDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '$property must be a procedure id (UUID)' })
  procedureId: string;

  @ApiProperty({ format: 'uuid', description: 'the desk (agency) the dossier is submitted to' })
  @IsUUID('all', { message: '$property must be an agency id (UUID)' })
  receivingAgencyId: string;

  @ApiProperty({ type: ApplicantDto })
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
