import { EntityManager } from 'typeorm';
import { AgencyEntity, AgencyLevel } from './agency.entity';
import type { Page } from './procedure.repository';

export interface AgencyInput {
  identifier: string;
  name: string;
  level: AgencyLevel;
  parentId?: string | null;
  hasDesk?: boolean;
  address?: string | null;
}

/** Agencies (cơ quan) with their materialised path. */
export class AgencyRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<AgencyEntity | null> {
    return this.manager.getRepository(AgencyEntity).findOne({ where: { id } });
  }

  findByIdentifier(identifier: string): Promise<AgencyEntity | null> {
    return this.manager.getRepository(AgencyEntity).findOne({ where: { identifier } });
  }

  async findByIds(ids: string[]): Promise<AgencyEntity[]> {
    if (ids.length === 0) return [];
    return this.manager
      .getRepository(AgencyEntity)
      .createQueryBuilder('agency')
      .where('agency.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Agencies in the subtree under `pathPrefix` (a supervisor's scope), or all when absent. */
  async listAgencies(
    filter: { pathPrefix?: string; level?: AgencyLevel },
    page: number,
    pageSize: number,
  ): Promise<Page<AgencyEntity>> {
    const query = this.manager.getRepository(AgencyEntity).createQueryBuilder('agency').orderBy('agency.path', 'ASC');
    if (filter.pathPrefix) query.andWhere('agency.path LIKE :prefix', { prefix: `${filter.pathPrefix}%` });
    if (filter.level) query.andWhere('agency.level = :level', { level: filter.level });
    const [items, total] = await query
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** Creates an agency with its path (`<parent path><own id>/`). */
  async createAgency(input: AgencyInput): Promise<AgencyEntity> {
    const parent = input.parentId ? await this.findById(input.parentId) : null;
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO agency (id, identifier, name, level, parent_id, path, has_desk, address)
       SELECT id, $1, $2, $3, $4, $5 || id::text || '/', $6, $7 FROM (SELECT gen_random_uuid() AS id) AS fresh
       RETURNING id`,
      [
        input.identifier,
        input.name,
        input.level,
        input.parentId ?? null,
        parent ? parent.path : '/',
        input.hasDesk ?? false,
        input.address ?? null,
      ],
    );
    return (await this.findById(rows[0].id)) as AgencyEntity;
  }

  /** Updates name, desk flag and address (identifier and parent are fixed: codes and paths depend on them). */
  async updateAgency(
    id: string,
    patch: { name?: string; hasDesk?: boolean; address?: string | null },
  ): Promise<AgencyEntity | null> {
    const agency = await this.findById(id);
    if (!agency) return null;
    Object.assign(agency, Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)));
    return this.manager.getRepository(AgencyEntity).save(agency);
  }
}
