import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DossierSubmissionDto } from './dossier-submission.dto';

/** A portal submits an online dossier: complete → accepted, incomplete → one notice listing everything missing. */
export class SubmitOnlineDossierDto extends DossierSubmissionDto {
  @ApiProperty({ format: 'uuid', description: 'the desk (agency) the dossier is submitted to' })
  @IsUUID('all', { message: '$property must be an agency id (UUID)' })
  receivingAgencyId: string;
}
