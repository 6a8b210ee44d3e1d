import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nationalStatusCode, type DossierStatus } from '@motcua/domain';
import type { CitizenDossierRow } from '@motcua/persistence';

/** The public view of a dossier: no applicant data, no internal ids. */
export class CitizenDossierDto {
  @ApiProperty({ example: '000.21.12.H62-250103-0001' })
  code: string;

  @ApiProperty()
  status: string;

  @ApiProperty({ description: 'National status code' })
  nationalStatusCode: string;

  @ApiProperty()
  procedureName: string;

  @ApiProperty()
  receivingAgencyName: string;

  @ApiProperty()
  receivedAt: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Appointment date (ngày hẹn trả kết quả)' })
  appointmentAt: string | null;

  @ApiProperty({ description: 'Processing steps completed / started so far' })
  progress: { stepsCompleted: number; stepsTotal: number };

  static from(row: CitizenDossierRow): CitizenDossierDto {
    let national: string;
    try {
      national = String(nationalStatusCode(row.status as DossierStatus));
    } catch {
      national = '';
    }
    return Object.assign(new CitizenDossierDto(), {
      code: row.code,
      status: row.status,
      nationalStatusCode: national,
      procedureName: row.procedureName,
      receivingAgencyName: row.receivingAgencyName,
      receivedAt: row.receivedAt.toISOString(),
      appointmentAt: row.appointmentAt ? row.appointmentAt.toISOString() : null,
      progress: { stepsCompleted: row.stepsCompleted, stepsTotal: row.stepsTotal },
    });
  }
}
