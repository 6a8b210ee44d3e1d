import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- apps/api/src/delivery (this app), not apps/delivery
import { ReturnChannelDto } from '../../delivery/dto/return-channel.dto';
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

  @ApiProperty({
    type: ReturnChannelDto,
    required: false,
    description:
      'how the result goes back (desk pick-up, online download, postal); default: desk for in-person, online for online, ' +
      'postal for postal submissions; changeable until the result is ready (PUT /dossiers/{id}/return-channel)',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object (channel, recipient)' })
  @ValidateNested()
  @Type(() => ReturnChannelDto)
  returnChannel?: ReturnChannelDto;
}
