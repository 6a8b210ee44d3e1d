import { ApiProperty } from '@nestjs/swagger';
import { dossierClockStatus } from '@motcua/domain';
import type { DossierChannel, DossierClockStatus, DossierStatus } from '@motcua/domain';
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
  @ApiProperty({
    enum: ['not-started', 'running', 'paused', 'stopped'],
    description:
      "'paused' while the applicant owes documents: appointmentAt is then not in force (it moves when they arrive)",
  })
  clockStatus: DossierClockStatus;
  @ApiProperty({ description: 'appointmentAt is the promise in force (false while paused or once ended)' })
  appointmentInForce: boolean;
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
      clockStatus: dossierClockStatus(dossier.status),
      appointmentInForce: dossierClockStatus(dossier.status) === 'running' && dossier.appointmentAt !== null,
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
