import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsIsoInstant, IsOptional } from '../../common/validation';
import { DOSSIER_CHANNELS, DossierChannel } from '@motcua/domain';
import { INTAKE_OUTCOMES, IntakeOutcome } from '@motcua/application';
import { DossierSubmissionDto } from './dossier-submission.dto';
import { SupplementItemDto } from './supplement-item.dto';

/** A desk officer registers a dossier (in person, or a postal one with its hand-over record time). */
export class RegisterDossierDto extends DossierSubmissionDto {
  @ApiProperty({ enum: DOSSIER_CHANNELS })
  @IsIn(DOSSIER_CHANNELS, { message: `$property must be one of ${DOSSIER_CHANNELS.join(', ')}` })
  channel: DossierChannel;

  @ApiProperty({
    required: false,
    description: 'submission instant; server clock by default; postal: hand-over record time (required)',
  })
  @IsOptional()
  @IsIsoInstant()
  receivedAt?: string;

  @ApiProperty({ enum: INTAKE_OUTCOMES, description: 'exactly one outcome of the check at the desk' })
  @IsIn(INTAKE_OUTCOMES, { message: `$property must be one of ${INTAKE_OUTCOMES.join(', ')}` })
  outcome: IntakeOutcome;

  @ApiProperty({
    type: [SupplementItemDto],
    required: false,
    description: 'request-supplement: items besides the missing mandatory documents (added automatically)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SupplementItemDto)
  supplementItems?: SupplementItemDto[];

  @ApiProperty({ required: false, description: 'refuse: the reason printed on form 03' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  refusalReason?: string;
}
