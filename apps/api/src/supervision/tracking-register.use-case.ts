import { Inject, Injectable } from '@nestjs/common';
import { DomainError, parseLocalDate, WorkingCalendar } from '@motcua/domain';
import {
  renderTrackingRegisterForm,
  renderTrackingRegisterWorkbook,
  TrackingRegisterFormData,
  TrackingRegisterRow,
} from '@motcua/forms';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { isWithinScope } from '../identity/scope';
import { TrackingRegisterQueryDto } from './dto/tracking-register-query.dto';

/** A register over more dossiers than this is refused (narrow the period): one file must stay printable. */
export const TRACKING_REGISTER_MAX_ROWS = 5000;

const calendar = new WorkingCalendar();

function localDate(value: string, field: string): string {
  try {
    parseLocalDate(value);
  } catch {
    throw new DomainError('register.invalid-date', `${field}: "${value}" is not a date YYYY-MM-DD`, 'invalid', {
      field,
    });
  }
  return value;
}

/**
 * Form 06, the tracking register (sổ theo dõi hồ sơ, TT 01/2018 Art. 9) of one agency's desk over a period: every
 * dossier it accepted, in the order it was entered in the book. One book per agency and year; a dossier's number in
 * the book is its rank by entry (`created_at`, then id) among the agency's dossiers accepted that year, the same
 * number form 01 prints. Scope: desk officers and leads their own agency, supervisors their subtree, admin all.
 */
@Injectable()
export class TrackingRegisterUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async pdf(actor: Actor, query: TrackingRegisterQueryDto): Promise<Buffer> {
    return renderTrackingRegisterForm(await this.data(actor, query));
  }

  async xlsx(actor: Actor, query: TrackingRegisterQueryDto): Promise<Buffer> {
    return renderTrackingRegisterWorkbook(await this.data(actor, query));
  }

  private async data(actor: Actor, query: TrackingRegisterQueryDto): Promise<TrackingRegisterFormData> {
    const from = localDate(query.from.slice(0, 10), 'from');
    const to = localDate(query.to.slice(0, 10), 'to');
    if (to < from) throw new DomainError('register.invalid-period', 'to: must not be before from', 'invalid');
    if (from.slice(0, 4) !== to.slice(0, 4)) {
      throw new DomainError(
        'register.period-spans-books',
        'to: a register period stays within one book (one calendar year); ask for each year separately',
        'invalid',
      );
    }
    const agencyId = query.agencyId ?? actor.agencyId;
    const [agency]: Array<{ id: string; name: string; path: string; parent_name: string | null }> =
      await this.dataSource.query(
        `SELECT a.id, a.name, a.path, p.name AS parent_name FROM agency a LEFT JOIN agency p ON p.id = a.parent_id
         WHERE a.id = $1`,
        [agencyId],
      );
    if (!agency || !isWithinScope(actor, agency)) {
      throw new DomainError('agency.not-found', `Agency ${agencyId} not found`, 'not-found');
    }
    const year = from.slice(0, 4);
    const periodFrom = calendar.instantAt(from);
    const periodEnd = calendar.instantAt(to, '23:59');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH book AS (
         SELECT d.*, row_number() OVER (ORDER BY d.created_at, d.id)::int AS number
         FROM dossier d
         WHERE d.receiving_agency_id = $1 AND d.counting_started_at IS NOT NULL
           AND d.received_at >= $2 AND d.received_at < $3)
       SELECT b.number, b.code, p.name AS procedure_name, b.number_of_sets, b.applicant_name, b.applicant,
              b.received_at, b.appointment_at, b.status,
              (SELECT min(e.occurred_at) FROM dossier_event e
               WHERE e.dossier_id = b.id AND e.type IN ('result-ready', 'refused')) AS result_at,
              (SELECT min(e.occurred_at) FROM dossier_event e
               WHERE e.dossier_id = b.id AND e.type IN ('returned', 'result-returned')) AS returned_at
       FROM book b JOIN procedure p ON p.id = b.procedure_id
       WHERE b.received_at >= $4 AND b.received_at < $5
       ORDER BY b.number
       LIMIT $6`,
      [
        agency.id,
        calendar.instantAt(`${year}-01-01`),
        calendar.instantAt(`${Number(year) + 1}-01-01`),
        periodFrom,
        new Date(calendar.instantAt(to).getTime() + 86_400_000),
        TRACKING_REGISTER_MAX_ROWS + 1,
      ],
    );
    if (rows.length > TRACKING_REGISTER_MAX_ROWS) {
      throw new DomainError(
        'register.too-many-rows',
        `from: more than ${TRACKING_REGISTER_MAX_ROWS} dossiers in the period; ask for a shorter period`,
        'invalid',
      );
    }
    const registerRows: TrackingRegisterRow[] = rows.map((row) => {
      const applicant = (row.applicant ?? {}) as { address?: string; phone?: string };
      return {
        number: Number(row.number),
        dossierCode: row.code as string,
        content: row.procedure_name as string,
        count: Number(row.number_of_sets),
        applicantName: row.applicant_name as string,
        address: applicant.address,
        phone: applicant.phone,
        receivedAt: new Date(row.received_at as Date),
        appointmentAt: row.appointment_at ? new Date(row.appointment_at as Date) : null,
        resultAt: row.result_at ? new Date(row.result_at as Date) : null,
        returnedAt: row.returned_at ? new Date(row.returned_at as Date) : null,
        note: row.status === 'withdrawn' ? 'Rút hồ sơ' : row.status === 'refused' ? 'Từ chối giải quyết' : '',
      };
    });
    return {
      agencyName: agency.name,
      parentAgencyName: agency.parent_name ?? undefined,
      book: year,
      periodFrom,
      periodTo: periodEnd,
      issuedAt: this.clock.now(),
      rows: registerRows,
    };
  }
}
