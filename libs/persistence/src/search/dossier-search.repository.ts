import type { DossierChannel, DossierStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import type { DossierListScope } from '../dossier/dossier.repository';

/** What staff search dossiers by; every criterion optional, all combined with AND. */
export interface DossierSearchCriteria {
  /** Words of the applicant's name in order from any word, accents and case ignored, the last one a prefix ("nguyen van a" finds "Nguyễn Văn Á"). */
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

/** A name with at least this many keys is common: its newest matches are found by walking the newest keys. */
const COMMON_NAME_KEYS = 5000;
/** How many of the newest keys a common-name walk reads at most before reading the name's keys instead. */
const RECENT_KEY_WINDOW = 50_000;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The caller's scope as a condition on an agency-id column, with parameter names under a prefix. */
export type SearchScope = (agencyIdColumn: string, parameterPrefix: string) => DossierListScope;

/**
 * Dossier search for desk officers and supervisors, scope filtered in SQL, newest first. A name is found through
 * `dossier_name_key` (one row per word-suffix of the folded name, kept by a trigger): the query's folded words are a
 * prefix range of the covering btree, so the search reads exactly the matching keys, index only, whatever the
 * scope, and only the newest page's dossiers are then read.
 */
export class DossierSearchRepository {
  constructor(private readonly manager: EntityManager) {}

  async search(
    scope: SearchScope,
    criteria: DossierSearchCriteria,
    page: number,
    pageSize: number,
  ): Promise<DossierSearchPage> {
    const dossierScope = scope('d.receiving_agency_id', 'scopeD');
    const conditions = [`(${dossierScope.sql})`, 'd.parent_dossier_id IS NULL'];
    const parameters: Record<string, unknown> = { ...dossierScope.parameters };
    const add = (sql: string, values: Record<string, unknown> = {}) => {
      conditions.push(sql);
      Object.assign(parameters, values);
    };
    if (criteria.codePrefix) add('d.code LIKE :code', { code: `${escapeLike(criteria.codePrefix)}%` });
    if (criteria.identityNumber) {
      add(`d.applicant->>'identityNumber' = :identityNumber`, { identityNumber: criteria.identityNumber });
    }
    if (criteria.phones?.length) add(`d.applicant->>'phone' IN (:...phones)`, { phones: criteria.phones });
    if (criteria.procedureId) add('d.procedure_id = :procedureId', { procedureId: criteria.procedureId });
    if (criteria.status) add('d.status = :status', { status: criteria.status });
    if (criteria.receivedFrom) add('d.received_at >= :receivedFrom', { receivedFrom: criteria.receivedFrom });
    if (criteria.receivedTo) add('d.received_at <= :receivedTo', { receivedTo: criteria.receivedTo });
    const onlyScope = conditions.length === 2;
    Object.assign(parameters, { offset: (page - 1) * pageSize, limit: pageSize + 1 });

    let from = 'dossier d';
    let prefix = '';
    if (criteria.name) {
      // The folded words, and whether the name is common (at least COMMON_NAME_KEYS keys: an index-only probe).
      const [probe]: Array<{ words: string; keys: number }> = await this.manager.query(
        `SELECT motcua_name_words($1) AS words,
                (SELECT count(*)::int FROM (SELECT 1 FROM dossier_name_key
                   WHERE key LIKE motcua_name_words($1) || '%' LIMIT ${COMMON_NAME_KEYS}) AS probe) AS keys`,
        [criteria.name],
      );
      const pattern = `${probe?.words ?? ''}%`;
      const hitLimit = page * pageSize * 2 + 2;
      const recent =
        onlyScope && probe.keys >= COMMON_NAME_KEYS ? await this.recentHits(scope, pattern, hitLimit) : null;
      if (recent) {
        from = 'dossier d';
        conditions.push('d.id = ANY(CAST(:recentHits AS uuid[]))');
        parameters.recentHits = recent;
      } else {
        const keyScope = scope('k.receiving_agency_id', 'scopeK');
        Object.assign(parameters, keyScope.parameters, { pattern, hitLimit });
        // Without other criteria only the newest keys can make the page (twice as many: one name can match twice).
        // A procedure is filtered inside the index scan (the key rows carry it).
        // The name's keys are read through the prefix index first (materialized): ordering them in the same query let
        // the planner walk dossier_name_key_recent_idx instead, reading 130k keys for a scoped common name.
        prefix = `WITH matched AS MATERIALIZED (
            SELECT k.dossier_id, k.received_at FROM dossier_name_key k
            WHERE k.key LIKE :pattern AND (${keyScope.sql})
            ${criteria.procedureId ? 'AND k.procedure_id = :procedureId' : ''}
          ), hits AS MATERIALIZED (
            SELECT DISTINCT m.dossier_id, m.received_at FROM matched m
            ${onlyScope ? 'ORDER BY m.received_at DESC, m.dossier_id DESC LIMIT :hitLimit' : ''}
          ) `;
        from = 'hits h JOIN dossier d ON d.id = h.dossier_id';
      }
    }
    const [sql, values] = this.manager.connection.driver.escapeQueryWithParameters(
      `${prefix}SELECT d.id, d.code, d.applicant_name, d.applicant->>'identityNumber' AS identity_number,
              d.applicant->>'phone' AS phone, d.procedure_id, p.code AS procedure_code, p.name AS procedure_name,
              d.receiving_agency_id, d.status, d.channel, d.received_at, d.appointment_at
       FROM ${from} JOIN procedure p ON p.id = d.procedure_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY d.received_at DESC, d.id DESC OFFSET :offset LIMIT :limit`,
      parameters,
      {},
    );
    const rows: Array<Record<string, unknown>> = await this.manager.query(sql, values);
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

  /**
   * The newest `hitLimit` dossiers whose name matches a common pattern, found by walking the newest name keys
   * (`dossier_name_key_recent_idx`, index only) instead of reading every key of the name. The walk looks at
   * RECENT_KEY_WINDOW keys at most: if that holds fewer than `hitLimit` matches in scope (a narrow scope, a name
   * common elsewhere), null, and the caller reads the name's keys.
   */
  private async recentHits(scope: SearchScope, pattern: string, hitLimit: number): Promise<string[] | null> {
    const keyScope = scope('recent.receiving_agency_id', 'scopeR');
    const [sql, values] = this.manager.connection.driver.escapeQueryWithParameters(
      `SELECT DISTINCT recent.dossier_id, recent.received_at FROM (
         SELECT k.dossier_id, k.received_at, k.key, k.receiving_agency_id FROM dossier_name_key k
         ORDER BY k.received_at DESC, k.dossier_id DESC LIMIT :window) AS recent
       WHERE recent.key LIKE :pattern AND (${keyScope.sql})
       ORDER BY recent.received_at DESC, recent.dossier_id DESC LIMIT :hitLimit`,
      { ...keyScope.parameters, window: RECENT_KEY_WINDOW, pattern, hitLimit },
      {},
    );
    const rows: Array<{ dossier_id: string }> = await this.manager.query(sql, values);
    return rows.length >= hitLimit ? rows.map((row) => row.dossier_id) : null;
  }
}
