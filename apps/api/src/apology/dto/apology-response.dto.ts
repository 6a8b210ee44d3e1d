import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DossierApology } from '@motcua/persistence';

export class ApologyResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() dossierId: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() reason: string;
  @ApiProperty() responsibleUnit: string;
  @ApiPropertyOptional({ nullable: true, type: String }) responsibleAgencyId: string | null;
  @ApiProperty() originalAppointmentAt: string;
  @ApiProperty() newAppointmentAt: string;
  @ApiProperty() newAppointmentPlace: string;
  @ApiProperty() ruleSetId: string;
  @ApiProperty({
    enum: ['before-lead-time', 'after-lead-time', 'after-deadline'],
    description:
      'When it was issued relative to the deadline it moved (NĐ 61/2018 Art. 19: at least 1 working day before); ' +
      "'after-deadline': the dossier was already overdue and still counts as late",
  })
  timing: DossierApology['timing'];
  @ApiProperty({ description: 'Issued after the deadline it moved (the dossier still counts as late)' })
  issuedAfterDeadline: boolean;

  static from(apology: DossierApology): ApologyResponseDto {
    return {
      id: apology.id,
      dossierId: apology.dossierId,
      issuedAt: apology.issuedAt.toISOString(),
      reason: apology.reason,
      responsibleUnit: apology.responsibleUnit,
      responsibleAgencyId: apology.responsibleAgencyId,
      originalAppointmentAt: apology.originalAppointmentAt.toISOString(),
      newAppointmentAt: apology.newAppointmentAt.toISOString(),
      newAppointmentPlace: apology.newAppointmentPlace,
      ruleSetId: apology.ruleSetId,
      timing: apology.timing,
      issuedAfterDeadline: apology.timing === 'after-deadline',
    };
  }
}
