import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { loadCitizenStatus } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { verifyCitizenDossier } from './citizen-secret';
import { CITIZEN_STATUS_TEXT, neededNow, timelineText } from './citizen-status-text';
import { CitizenStatusDto, TimelineEntryDto } from './dto/citizen-status.dto';

/** The public status page's data: code + lookup secret → status in plain words, what is needed, timeline, actions. */
@Injectable()
export class CitizenStatusUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async view(code: string, secret: string): Promise<CitizenStatusDto> {
    const manager = this.dataSource.manager;
    const dossier = await verifyCitizenDossier(manager, code, secret);
    const row = await loadCitizenStatus(manager, dossier.id);
    if (!row) throw new DomainError('dossier.lookup-not-found', 'No dossier with this code and secret', 'not-found');
    const timeline: TimelineEntryDto[] = [];
    for (const event of row.events) {
      const text = timelineText(event);
      if (text && timeline[timeline.length - 1]?.text !== text) {
        timeline.push({ at: new Date(event.occurredAt).toISOString(), text });
      }
    }
    return {
      code: row.code,
      procedureName: row.procedureName,
      agencyName: row.agencyName,
      status: row.status,
      statusText: CITIZEN_STATUS_TEXT[row.status] ?? row.status,
      receivedAt: new Date(row.receivedAt).toISOString(),
      appointmentAt: row.appointmentAt ? new Date(row.appointmentAt).toISOString() : null,
      needed: neededNow(row.status, row.events, row.openPayment),
      timeline,
      actions: {
        pay: row.openPayment
          ? { amount: row.openPayment.amount, expiresAt: new Date(row.openPayment.expiresAt).toISOString() }
          : null,
        download: row.onlineResult,
        rate: row.status === 'returned' && row.rated === null,
      },
      rating: row.rated,
    };
  }
}
