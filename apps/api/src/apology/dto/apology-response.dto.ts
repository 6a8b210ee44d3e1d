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
    };
  }
}
