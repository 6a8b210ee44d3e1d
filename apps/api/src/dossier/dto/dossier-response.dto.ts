import { ApiProperty } from '@nestjs/swagger';
import { dossierClockStatus } from '@motcua/domain';
import type { DossierClockStatus } from '@motcua/domain';
import type { DossierEntity } from '@motcua/persistence';

/** A dossier as the desk sees it. Never carries the lookup secret hash or the idempotency key. */
export class DossierResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '000.00.12.H62-251103-0001' }) code: string;
  @ApiProperty() procedureId: string;
  @ApiProperty() receivingAgencyId: string;
  @ApiProperty() channel: string;
  @ApiProperty() status: string;
  @ApiProperty({
    type: 'object',
    required: ['name', 'identityNumber', 'address', 'phone'],
    properties: {
      name: { type: 'string' },
      identityNumber: { type: 'string' },
      address: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string', nullable: true },
    },
  })
  applicant: {
    name: string;
    identityNumber: string;
    address: string;
    phone: string;
    email: string | null;
  };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      required: ['code', 'name', 'form', 'count'],
      properties: {
        code: { type: 'string' },
        name: { type: 'string' },
        form: { type: 'string' },
        count: { type: 'integer' },
      },
    },
  })
  documents: Array<{ code: string; name: string; form: string; count: number }>;
  @ApiProperty() numberOfSets: number;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) countingStartedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) appointmentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) originalAppointmentAt: string | null;
  @ApiProperty({
    enum: ['not-started', 'running', 'paused', 'stopped'],
    description:
      "'paused' while the applicant owes documents: appointmentAt is then not in force (it moves when they arrive)",
  })
  clockStatus: DossierClockStatus;
  @ApiProperty({ description: 'appointmentAt is the promise in force (false while paused or once ended)' })
  appointmentInForce: boolean;
  @ApiProperty() legalTimeMinutes: number;
  @ApiProperty() ruleSetId: string;
  @ApiProperty({
    nullable: true,
    type: 'array',
    items: {
      type: 'object',
      required: ['documentCode', 'documentName', 'reason'],
      properties: { documentCode: { type: 'string' }, documentName: { type: 'string' }, reason: { type: 'string' } },
    },
  })
  supplementItems: Array<{
    documentCode: string;
    documentName: string;
    reason: string;
  }> | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the dossier that spawned this one (linked inter-agency sub-dossier)',
  })
  parentDossierId: string | null;
  @ApiProperty({
    type: [String],
    description: 'linked inter-agency sub-dossiers spawned by this dossier, oldest first',
  })
  childDossierIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({
    required: false,
    description: 'citizen lookup secret (mã tra cứu): only in the response that created the dossier',
  })
  lookupSecret?: string;

  static from(dossier: DossierEntity, lookupSecret?: string, childDossierIds: string[] = []): DossierResponseDto {
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
    return {
      id: dossier.id,
      code: dossier.code,
      procedureId: dossier.procedureId,
      receivingAgencyId: dossier.receivingAgencyId,
      channel: dossier.channel,
      status: dossier.status,
      applicant: {
        name: dossier.applicant.name,
        identityNumber: dossier.applicant.identityNumber,
        address: dossier.applicant.address,
        phone: dossier.applicant.phone,
        email: dossier.applicant.email ?? null,
      },
      documents: dossier.documents,
      numberOfSets: dossier.numberOfSets,
      receivedAt: new Date(dossier.receivedAt).toISOString(),
      countingStartedAt: iso(dossier.countingStartedAt),
      appointmentAt: iso(dossier.appointmentAt),
      originalAppointmentAt: iso(dossier.originalAppointmentAt),
      clockStatus: dossierClockStatus(dossier.status),
      appointmentInForce: dossierClockStatus(dossier.status) === 'running' && dossier.appointmentAt !== null,
      legalTimeMinutes: dossier.legalTimeMinutes,
      ruleSetId: dossier.ruleSetId,
      supplementItems: dossier.supplementItems,
      refusalReason: dossier.refusalReason,
      parentDossierId: dossier.parentDossierId,
      childDossierIds,
      version: dossier.version,
      ...(lookupSecret ? { lookupSecret } : {}),
    };
  }
}
