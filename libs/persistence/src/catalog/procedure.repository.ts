import { EntityManager } from 'typeorm';
import { ACCENT_TRANSLATION, containsPattern, foldedColumn } from './accent-fold';
import { ProcedureEntity } from './procedure.entity';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ProcedureListFilter {
  field?: string;
  active?: boolean;
  /** Only procedures this agency's desk may receive. */
  receivingAgencyId?: string;
  /** Code or name contains it, accents and case ignored ("cap giay" finds "Cấp giấy"). */
  search?: string;
}

/** The procedure catalog. Plain class over an EntityManager (a transaction's or the DataSource's). */
export class ProcedureRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<ProcedureEntity | null> {
    return this.manager.getRepository(ProcedureEntity).findOne({ where: { id } });
  }

  findByCode(code: string): Promise<ProcedureEntity | null> {
    return this.manager.getRepository(ProcedureEntity).findOne({ where: { code } });
  }

  async listProcedures(filter: ProcedureListFilter, page: number, pageSize: number): Promise<Page<ProcedureEntity>> {
    const query = this.manager
      .getRepository(ProcedureEntity)
      .createQueryBuilder('procedure')
      .orderBy('procedure.code', 'ASC');
    if (filter.field) query.andWhere('procedure.field = :field', { field: filter.field });
    if (filter.active !== undefined) query.andWhere('procedure.active = :active', { active: filter.active });
    if (filter.receivingAgencyId) {
      query.andWhere(':agencyId = ANY(procedure.receiving_agency_ids)', { agencyId: filter.receivingAgencyId });
    }
    if (filter.search) {
      query.andWhere(`(${foldedColumn('procedure.name')} LIKE :search OR lower(procedure.code) LIKE :search)`, {
        search: containsPattern(filter.search),
        ...ACCENT_TRANSLATION,
      });
    }
    const [items, total] = await query
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** Inserts a procedure, or updates the one with the same code (seeds); returns it. */
  async saveProcedure(procedure: Partial<ProcedureEntity>): Promise<ProcedureEntity> {
    return this.manager.getRepository(ProcedureEntity).save(procedure);
  }
}
