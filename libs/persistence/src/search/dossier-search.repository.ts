import type { DossierChannel, DossierStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import type { DossierListScope } from '../dossier/dossier.repository';

/** What staff search dossiers by; every criterion optional, all combined with AND. */
export interface DossierSearchCriteria {
  /** Words of the applicant's name, any accents and case, the last one a prefix ("nguyen van a" finds "Nguyễn Văn Á"). */
  name?: string;
  /** Dossier code prefix. */
  codePrefix?: string;
  identityNumber?: string;
  /** Phone numbers to match exactly (the same number as 0… and +84…). */
  phones?: string[];
  procedureId?: string;
  status?: DossierStatus;
  receivedFrom?: Date;
  receivedTo?: Date;
}

export interface DossierSearchHit {
  id: string;
  code: string;
  applicantName: string;
  identityNumber: string;
  phone: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  receivingAgencyId: string;
  status: DossierStatus;
  channel: DossierChannel;
  receivedAt: Date;
  appointmentAt: Date | null;
}

export interface DossierSearchPage {
  items: DossierSearchHit[];
  page: number;
  pageSize: number;
  /** Whether a next page exists (no total: counting every "Nguyễn" would cost more than the page). */
  hasMore: boolean;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Dossier search for desk officers and supervisors, scope filtered in SQL, newest first. The applicant name is matched
 * by folded words (`motcua_name_words` / `motcua_name_query`: NFC, unaccent, lower case) through the GIN word index;
 * the query side is an immutable function of the parameter, so each execution is planned with its real word
 * frequencies (walk the newest-first index for common names, the word index for rare ones).
 */
export class DossierSearchRepository {
  constructor(private readonly manager: EntityManager) {}

  async search(
    scope: DossierListScope,
    criteria: DossierSearchCriteria,
    page: number,
    pageSize: number,
  ): Promise<DossierSearchPage> {
    const query = this.manager
      .createQueryBuilder()
      .from('dossier', 'd')
      .where(`(${scope.sql})`, scope.parameters)
      .andWhere('d.parent_dossier_id IS NULL');
    if (criteria.name) {
      query.andWhere(`motcua_name_words(d.applicant_name) @@ motcua_name_query(:name)`, { name: criteria.name });
    }
    if (criteria.codePrefix) query.andWhere('d.code LIKE :code', { code: `${escapeLike(criteria.codePrefix)}%` });
    if (criteria.identityNumber) {
      query.andWhere(`d.applicant->>'identityNumber' = :identityNumber`, { identityNumber: criteria.identityNumber });
    }
    if (criteria.phones?.length) query.andWhere(`d.applicant->>'phone' IN (:...phones)`, { phones: criteria.phones });
    if (criteria.procedureId) query.andWhere('d.procedure_id = :procedureId', { procedureId: criteria.procedureId });
    if (criteria.status) query.andWhere('d.status = :status', { status: criteria.status });
    if (criteria.receivedFrom)
      query.andWhere('d.received_at >= :receivedFrom', { receivedFrom: criteria.receivedFrom });
    if (criteria.receivedTo) query.andWhere('d.received_at <= :receivedTo', { receivedTo: criteria.receivedTo });

    const rows: Array<Record<string, unknown>> = await query
      .innerJoin('procedure', 'p', 'p.id = d.procedure_id')
      .select([
        'd.id AS id',
        'd.code AS code',
        'd.applicant_name AS applicant_name',
        `d.applicant->>'identityNumber' AS identity_number`,
        `d.applicant->>'phone' AS phone`,
        'd.procedure_id AS procedure_id',
        'p.code AS procedure_code',
        'p.name AS procedure_name',
        'd.receiving_agency_id AS receiving_agency_id',
        'd.status AS status',
        'd.channel AS channel',
        'd.received_at AS received_at',
        'd.appointment_at AS appointment_at',
      ])
      .orderBy('d.received_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize + 1)
      .getRawMany();
    return {
      items: rows.slice(0, pageSize).map((row) => ({
        id: row.id as string,
        code: row.code as string,
        applicantName: row.applicant_name as string,
        identityNumber: row.identity_number as string,
        phone: row.phone as string,
        procedureId: row.procedure_id as string,
        procedureCode: row.procedure_code as string,
        procedureName: row.procedure_name as string,
        receivingAgencyId: row.receiving_agency_id as string,
        status: row.status as DossierStatus,
        channel: row.channel as DossierChannel,
        receivedAt: new Date(row.received_at as string),
        appointmentAt: row.appointment_at ? new Date(row.appointment_at as string) : null,
      })),
      page,
      pageSize,
      hasMore: rows.length > pageSize,
    };
  }
}
