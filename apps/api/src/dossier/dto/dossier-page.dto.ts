import { ApiProperty } from '@nestjs/swagger';
import type { DossierChannel, DossierStatus } from '@motcua/domain';
import type { DossierEntity } from '@motcua/persistence';

/** One row of the dossier list: what a desk needs to find a dossier; no applicant contact data, no secrets. */
export class DossierListItemDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() procedureId: string;
  @ApiProperty() receivingAgencyId: string;
  @ApiProperty() channel: DossierChannel;
  @ApiProperty() status: DossierStatus;
  @ApiProperty() applicantName: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) appointmentAt: string | null;
  @ApiProperty({ nullable: true, type: String }) parentDossierId: string | null;
  @ApiProperty() version: number;

  static from(dossier: DossierEntity): DossierListItemDto {
    return {
      id: dossier.id,
      code: dossier.code,
      procedureId: dossier.procedureId,
      receivingAgencyId: dossier.receivingAgencyId,
      channel: dossier.channel,
      status: dossier.status,
      applicantName: dossier.applicantName,
      receivedAt: new Date(dossier.receivedAt).toISOString(),
      appointmentAt: dossier.appointmentAt ? new Date(dossier.appointmentAt).toISOString() : null,
      parentDossierId: dossier.parentDossierId,
      version: dossier.version,
    };
  }
}

export class DossierPageDto {
  @ApiProperty({ type: [DossierListItemDto] }) items: DossierListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
