import { DomainError, ProcessDefinitionDocument } from '@motcua/domain';
import { EntityManager } from 'typeorm';
import { ProcessDefinitionEntity } from './process-definition.entity';

/**
 * Published versions by id, per process (issue 16: routing and every completion read the dossier's pinned
 * definition). Safe without invalidation: a published version never changes or goes away (the
 * `process_definition_immutable` trigger refuses it) and ids are random UUIDs. Drafts are never cached. Bounded:
 * the oldest entry goes first.
 */
const publishedById = new Map<string, ProcessDefinitionEntity>();
const PUBLISHED_CACHE_SIZE = 1000;

/** Versions of procedures' process definitions. Plain class over an EntityManager. */
export class ProcessDefinitionRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<ProcessDefinitionEntity | null> {
    return this.manager.getRepository(ProcessDefinitionEntity).findOne({ where: { id } });
  }

  /**
   * A version a dossier is pinned to, from the per-process cache of published versions (read once, then never
   * again: they are immutable). A draft is read every time. The entity is shared: callers must not change it.
   */
  async findPinned(id: string): Promise<ProcessDefinitionEntity | null> {
    const cached = publishedById.get(id);
    if (cached) return cached;
    const found = await this.findById(id);
    // Only a version published by a committed transaction: this transaction did not publish it (the caller reads
    // the definition a dossier is pinned to, published before), so a rollback cannot make it a draft again.
    if (found?.status === 'published') {
      if (publishedById.size >= PUBLISHED_CACHE_SIZE) publishedById.delete(publishedById.keys().next().value as string);
      publishedById.set(id, found);
    }
    return found;
  }

  listVersions(procedureId: string): Promise<ProcessDefinitionEntity[]> {
    return this.manager
      .getRepository(ProcessDefinitionEntity)
      .find({ where: { procedureId }, order: { version: 'DESC' } });
  }

  /** The version new dossiers are pinned to: the highest published one. */
  latestPublished(procedureId: string): Promise<ProcessDefinitionEntity | null> {
    return this.manager
      .getRepository(ProcessDefinitionEntity)
      .createQueryBuilder('definition')
      .where("definition.procedure_id = :procedureId AND definition.status = 'published'", { procedureId })
      .orderBy('definition.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /**
   * Inserts a draft with the next version number of the procedure (the document's `version` is set to it).
   * Concurrent creations for one procedure serialise on an advisory lock.
   */
  async createDraft(
    procedureId: string,
    document: ProcessDefinitionDocument,
    createdBy: string | null,
  ): Promise<ProcessDefinitionEntity> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `process-definition:${procedureId}`,
    ]);
    const [{ next }] = await this.manager.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM process_definition WHERE procedure_id = $1`,
      [procedureId],
    );
    const version = Number(next);
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO process_definition (procedure_id, version, document, status, created_by)
       VALUES ($1, $2, $3::jsonb, 'draft', $4) RETURNING id`,
      [procedureId, version, JSON.stringify({ ...document, version }), createdBy],
    );
    return (await this.findById(rows[0].id)) as ProcessDefinitionEntity;
  }

  /** Replaces a draft's document. @throws DomainError conflict when the version is already published. */
  async updateDraft(id: string, document: ProcessDefinitionDocument): Promise<ProcessDefinitionEntity> {
    const existing = await this.lockedOrThrow(id);
    if (existing.status === 'published') throw publishedConflict(existing);
    await this.manager.query(`UPDATE process_definition SET document = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify({ ...document, version: existing.version }),
    ]);
    return (await this.findById(id)) as ProcessDefinitionEntity;
  }

  /** Publishes a draft. @throws DomainError conflict when it is already published. */
  async publish(id: string, at: Date): Promise<ProcessDefinitionEntity> {
    const existing = await this.lockedOrThrow(id);
    if (existing.status === 'published') throw publishedConflict(existing);
    await this.manager.query(`UPDATE process_definition SET status = 'published', published_at = $2 WHERE id = $1`, [
      id,
      at,
    ]);
    return (await this.findById(id)) as ProcessDefinitionEntity;
  }

  private async lockedOrThrow(id: string): Promise<ProcessDefinitionEntity> {
    const found = await this.manager
      .getRepository(ProcessDefinitionEntity)
      .createQueryBuilder('definition')
      .setLock('pessimistic_write')
      .where('definition.id = :id', { id })
      .getOne();
    if (!found)
      throw new DomainError('process-definition.not-found', `Process definition ${id} not found`, 'not-found');
    return found;
  }
}

function publishedConflict(definition: ProcessDefinitionEntity): DomainError {
  return new DomainError(
    'process-definition.published',
    `Version ${definition.version} is published and immutable; create a new version instead`,
    'conflict',
    { id: definition.id, version: definition.version },
  );
}
