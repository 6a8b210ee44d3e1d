import { DossierChannel, DossierStatus } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { AgencyEntity } from '../catalog/agency.entity';
import { ProcedureEntity } from '../catalog/procedure.entity';
import type { Page } from '../catalog/procedure.repository';
import { CALENDAR_LOCK_KEY } from '../calendar/calendar.repository';
import { AccessScope, accessScopeCondition } from '../identity/access-scope';
import { DossierEntity } from './dossier.entity';

/** Filters of the desk/agency dossier list; every one optional, all combined with AND. */
export interface DossierListFilter {
  status?: DossierStatus;
  procedureId?: string;
  channel?: DossierChannel;
  /** Dossier code prefix. */
  codePrefix?: string;
  /** Case-insensitive substring of the applicant's name. */
  applicantName?: string;
  /** Inclusive bounds on `received_at`. */
  receivedFrom?: Date;
  receivedTo?: Date;
}

/**
 * Which rows the caller may list: a boolean SQL expression over `dossier.receiving_agency_id` with its named
 * parameters (apps/api's `scopeCondition(actor, 'dossier.receiving_agency_id')`). Required: no unscoped list.
 */
export interface DossierListScope {
  sql: string;
  parameters: Record<string, unknown>;
}

/** Escapes LIKE wildcards of user input (the pattern uses the default escape character `\`). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Dossiers. Plain class over an EntityManager; writes belong in the caller's transaction. */
export class DossierRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * The dossier's code from its agency's per-day counter (TT 01/2018 Art. 19: restarts daily per agency), in one
   * statement: takes the next sequence for the local date and sets the code to `codePrefix` + the sequence padded
   * to 4 digits (wider past 9999, as `formatDossierCode`). The counter row lock is held until the caller's
   * transaction ends, so concurrent intakes on any number of processes get distinct numbers, and a rolled-back
   * intake gives its number back (no gap on success). Intake calls it last, after inserting the row with a
   * provisional code, so the lock covers this statement, the event and the commit only.
   */
  async assignCodeFromCounter(
    id: string,
    agencyId: string,
    localDate: string,
    codePrefix: string,
  ): Promise<{ sequence: number; code: string }> {
    // An UPDATE through EntityManager.query resolves to [rows, affected count].
    const [rows]: [Array<{ sequence: number; code: string }>, number] = await this.manager.query(
      `WITH counter AS (
         INSERT INTO dossier_code_counter (agency_id, local_date, last) VALUES ($2, $3, 1)
         ON CONFLICT (agency_id, local_date) DO UPDATE SET last = dossier_code_counter.last + 1
         RETURNING last)
       UPDATE dossier SET code = $4::text || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0')
       FROM counter WHERE dossier.id = $1
       RETURNING counter.last AS sequence, dossier.code`,
      [id, agencyId, localDate, codePrefix],
    );
    if (rows.length !== 1) throw new Error(`assignCodeFromCounter: dossier ${id} not found in this transaction`);
    return { sequence: Number(rows[0].sequence), code: rows[0].code };
  }

  /** Moves the appointment in force (apology, calendar change, a paused clock's shift), bumping the row version. */
  async moveAppointment(id: string, appointmentAt: Date): Promise<void> {
    await this.manager.query(
      `UPDATE dossier SET appointment_at = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, appointmentAt],
    );
  }

  /**
   * Intake's first statement: the calendar's shared lock (see `CalendarRepository.lockForEditing`) and the lock
   * that serialises requests carrying the same idempotency key for one agency, in one round trip. Both are held until the transaction ends;
   * nothing is read here, so the next statement's snapshot already sees whatever they waited for.
   */
  async lockForIntake(agencyId: string, key: string): Promise<void> {
    await this.manager.query(
      `SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock(hashtextextended($2, 0))`,
      [CALENDAR_LOCK_KEY, `intake:${agencyId}:${key}`],
    );
  }

  /**
   * What intake reads after `lockForIntake`, in one statement: the procedure, the receiving agency and the dossier
   * an earlier request with the same idempotency key created (each as its entity, or null). Null when the
   * procedure does not exist: the caller then reads them one by one for its error (not found / replay).
   */
  async findIntakeContext(
    agencyId: string,
    procedureId: string,
    key: string,
  ): Promise<{ procedure: ProcedureEntity; agency: AgencyEntity | null; existing: DossierEntity | null } | null> {
    type Joined = ProcedureEntity & { intakeAgency?: AgencyEntity | null; intakeExisting?: DossierEntity | null };
    const joined: Joined | null = await this.manager
      .createQueryBuilder(ProcedureEntity, 'procedure')
      .leftJoinAndMapOne('procedure.intakeAgency', AgencyEntity, 'agency', 'agency.id = :agencyId', { agencyId })
      .leftJoinAndMapOne(
        'procedure.intakeExisting',
        DossierEntity,
        'existing',
        'existing.receivingAgencyId = :agencyId AND existing.idempotencyKey = :key',
        { agencyId, key },
      )
      .where('procedure.id = :procedureId', { procedureId })
      .getOne();
    if (!joined) return null;
    const { intakeAgency, intakeExisting } = joined;
    delete joined.intakeAgency;
    delete joined.intakeExisting;
    return { procedure: joined, agency: intakeAgency ?? null, existing: intakeExisting ?? null };
  }

  findByIdempotencyKey(agencyId: string, key: string): Promise<DossierEntity | null> {
    return this.manager
      .getRepository(DossierEntity)
      .findOne({ where: { receivingAgencyId: agencyId, idempotencyKey: key } });
  }

  findById(id: string): Promise<DossierEntity | null> {
    return this.manager.getRepository(DossierEntity).findOne({ where: { id } });
  }

  /** Ids of the linked sub-dossiers a dossier spawned (`parent_dossier_id`), oldest first. */
  async findChildIds(parentId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM dossier WHERE parent_dossier_id = $1 ORDER BY received_at ASC, id ASC`,
      [parentId],
    );
    return rows.map((row) => row.id);
  }

  /** A dossier received by this agency's desk, or null (also when it belongs to another agency). */
  findForReceivingAgency(id: string, agencyId: string): Promise<DossierEntity | null> {
    return this.manager.getRepository(DossierEntity).findOne({ where: { id, receivingAgencyId: agencyId } });
  }

  /**
   * A dossier received by an agency inside the acting scope (`scopeOf`, apps/api identity/scope.ts), or null.
   * Callers report null as 404 so existence never leaks.
   */
  async findInScope(id: string, scope: AccessScope, options: { lock?: boolean } = {}): Promise<DossierEntity | null> {
    const condition = accessScopeCondition(scope, 'dossier.receiving_agency_id');
    const query = this.manager
      .getRepository(DossierEntity)
      .createQueryBuilder('dossier')
      .where('dossier.id = :id', { id })
      .andWhere(condition.sql, condition.parameters);
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Same, locking the row for update (inside a transaction). */
  async lockForReceivingAgency(id: string, agencyId: string): Promise<DossierEntity | null> {
    return this.manager
      .getRepository(DossierEntity)
      .createQueryBuilder('dossier')
      .setLock('pessimistic_write')
      .where('dossier.id = :id AND dossier.receiving_agency_id = :agencyId', { id, agencyId })
      .getOne();
  }

  /** One page of the dossiers in scope, newest received first (then id), with the total matching count. */
  async listInScope(
    scope: DossierListScope,
    filter: DossierListFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<DossierEntity>> {
    const query = this.manager
      .getRepository(DossierEntity)
      .createQueryBuilder('dossier')
      .where(`(${scope.sql})`, scope.parameters);
    if (filter.status) query.andWhere('dossier.status = :status', { status: filter.status });
    if (filter.procedureId) query.andWhere('dossier.procedure_id = :procedureId', { procedureId: filter.procedureId });
    if (filter.channel) query.andWhere('dossier.channel = :channel', { channel: filter.channel });
    if (filter.codePrefix)
      query.andWhere('dossier.code LIKE :codePrefix', { codePrefix: `${escapeLike(filter.codePrefix)}%` });
    if (filter.applicantName) {
      query.andWhere('dossier.applicant_name ILIKE :applicantName', {
        applicantName: `%${escapeLike(filter.applicantName)}%`,
      });
    }
    if (filter.receivedFrom)
      query.andWhere('dossier.received_at >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedTo) query.andWhere('dossier.received_at <= :receivedTo', { receivedTo: filter.receivedTo });
    const [items, total] = await query
      .orderBy('dossier.receivedAt', 'DESC')
      .addOrderBy('dossier.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  async insertDossier(dossier: Partial<DossierEntity>): Promise<DossierEntity> {
    const repository = this.manager.getRepository(DossierEntity);
    // insert, not save: save() first SELECTs the row by its (client-generated) id to choose insert or update.
    const entity = repository.create(dossier);
    await repository.insert(entity);
    return entity;
  }

  /**
   * Updates fields if the version still matches, bumping it (optimistic lock). Returns false when someone else
   * changed the dossier first.
   */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    patch: Partial<
      Pick<
        DossierEntity,
        'status' | 'appointmentAt' | 'countingStartedAt' | 'originalAppointmentAt' | 'processDefinitionId'
      >
    >,
  ): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(DossierEntity)
      .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Open dossiers (not final, clock started) whose appointment is on or after `from`: candidates for a recompute. */
  findOpenWithAppointmentFrom(from: Date, openStatuses: readonly DossierStatus[]): Promise<DossierEntity[]> {
    return this.manager
      .getRepository(DossierEntity)
      .createQueryBuilder('dossier')
      .where('dossier.status IN (:...statuses)', { statuses: [...openStatuses] })
      .andWhere('dossier.counting_started_at IS NOT NULL')
      .andWhere('dossier.appointment_at >= :from', { from })
      .orderBy('dossier.appointment_at', 'ASC')
      .getMany();
  }
}
