import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  isParallelStep,
  ProcessDefinitionDocument,
  toWorkingHours,
  validateProcessDefinition,
  formatWorkingHours,
} from '@motcua/domain';
import { ClockService } from '@motcua/platform';
import { ProcedureEntity, ProcessDefinitionEntity, ProcessDefinitionRepository } from '@motcua/persistence';
import { MigrateDossiersResult, migrateOpenDossiers } from '@motcua/application';
import { appendDossierEvent } from '@motcua/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';

/**
 * Process-definition versions: drafts validated with the domain validator against the procedure's legal time
 * and the agency table, publishing (then immutable), listing, and the explicit dossier migration.
 */
@Injectable()
export class ProcessDefinitionsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  createDraft(actor: Actor, procedureId: string, document: Record<string, unknown>): Promise<ProcessDefinitionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedure(manager, procedureId);
      const checked = await this.check(manager, procedure, document);
      return new ProcessDefinitionRepository(manager).createDraft(procedure.id, checked, actor.userId);
    });
  }

  updateDraft(id: string, document: Record<string, unknown>): Promise<ProcessDefinitionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const definitions = new ProcessDefinitionRepository(manager);
      const existing = await this.definition(manager, id);
      if (existing.status === 'published') {
        throw new DomainError(
          'process-definition.published',
          `Version ${existing.version} is published and immutable; create a new version instead`,
          'conflict',
        );
      }
      const procedure = await this.procedure(manager, existing.procedureId);
      const checked = await this.check(manager, procedure, { ...document, version: existing.version });
      return definitions.updateDraft(id, checked);
    });
  }

  publish(actor: Actor, id: string): Promise<ProcessDefinitionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.definition(manager, id);
      // Re-check at publish time: agencies may have changed since the draft was saved.
      if (existing.status === 'draft')
        await this.check(manager, await this.procedure(manager, existing.procedureId), existing.document as never);
      const published = await new ProcessDefinitionRepository(manager).publish(id, this.clock.now());
      await this.unblockWaitingDossiers(manager, actor, published);
      return published;
    });
  }

  /**
   * Dossiers accepted while their procedure had no published definition were left `routing-blocked`; a first
   * published version routes them now (in this transaction: the event's outbox row wakes the router).
   */
  private async unblockWaitingDossiers(
    manager: EntityManager,
    actor: Actor,
    published: ProcessDefinitionEntity,
  ): Promise<void> {
    const waiting: Array<{ id: string }> = await manager.query(
      `SELECT d.id FROM dossier d
       WHERE d.procedure_id = $1 AND d.process_definition_id IS NULL AND d.status = 'received'
         AND EXISTS (SELECT 1 FROM dossier_event e WHERE e.dossier_id = d.id AND e.type = 'routing-blocked')
       ORDER BY d.id`,
      [published.procedureId],
    );
    for (const dossier of waiting) {
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'routing-unblocked',
        payload: { processDefinitionId: published.id, version: published.version },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: this.clock.now(),
      });
    }
  }

  async get(id: string): Promise<ProcessDefinitionEntity> {
    return this.definition(this.dataSource.manager, id);
  }

  async list(procedureId: string): Promise<ProcessDefinitionEntity[]> {
    return new ProcessDefinitionRepository(this.dataSource.manager).listVersions(procedureId);
  }

  migrate(
    actor: Actor,
    toDefinitionId: string,
    input: { fromDefinitionId?: string; stepMapping?: Record<string, string>; dossierIds?: string[] },
  ): Promise<MigrateDossiersResult> {
    return this.dataSource.transaction((manager) =>
      migrateOpenDossiers(manager, {
        toDefinitionId,
        fromDefinitionId: input.fromDefinitionId,
        stepMapping: input.stepMapping ?? {},
        dossierIds: input.dossierIds,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        now: this.clock.now(),
      }),
    );
  }

  /** Domain validation (shape, graph, budgets vs legal time) plus the catalogue: procedure code, legal time, agencies. */
  private async check(
    manager: EntityManager,
    procedure: ProcedureEntity,
    raw: Record<string, unknown>,
  ): Promise<ProcessDefinitionDocument> {
    const legalTime =
      procedure.legalTimeUnit === 'working-days'
        ? { workingDays: Number(procedure.legalTimeValue) }
        : { workingHours: Number(procedure.legalTimeValue) };
    const errors: string[] = [];
    if (raw.procedureCode !== undefined && raw.procedureCode !== procedure.code) {
      errors.push(
        `procedureCode '${String(raw.procedureCode)}' does not match the procedure's code '${procedure.code}'`,
      );
    }
    if (raw.legalTime !== undefined) {
      const given = toWorkingHours(raw.legalTime as never);
      if (given !== toWorkingHours(legalTime)) {
        errors.push(
          `legalTime ${formatWorkingHours(given)} differs from the procedure's legal processing time ${formatWorkingHours(toWorkingHours(legalTime))}`,
        );
      }
    }
    const document = { version: 1, ...raw, procedureCode: procedure.code, legalTime };
    const result = validateProcessDefinition(document);
    if (!result.ok) errors.push(...result.errors);
    if (result.ok) {
      const codes = new Set<string>();
      for (const step of result.definition.steps) {
        const reference = isParallelStep(step) ? step.leadAgency : step.agency;
        if ('code' in reference) codes.add(reference.code);
        if (step.kind === 'task' && step.subDossier) codes.add(step.subDossier.receivingAgency.code);
      }
      const subProcedureCodes = [
        ...new Set(
          result.definition.steps.flatMap((step) =>
            step.kind === 'task' && step.subDossier ? [step.subDossier.procedureCode] : [],
          ),
        ),
      ];
      if (subProcedureCodes.length > 0) {
        const known: Array<{ code: string }> = await manager.query(
          `SELECT code FROM procedure WHERE code = ANY($1::text[]) AND active`,
          [subProcedureCodes],
        );
        for (const code of subProcedureCodes) {
          if (!known.some((row) => row.code === code))
            errors.push(`subDossier procedure '${code}' is not an active procedure of the catalog`);
        }
      }
      if (codes.size > 0) {
        const known: Array<{ identifier: string }> = await manager.query(
          `SELECT identifier FROM agency WHERE identifier = ANY($1::text[])`,
          [[...codes]],
        );
        const knownSet = new Set(known.map((row) => row.identifier));
        for (const code of codes) if (!knownSet.has(code)) errors.push(`agency '${code}' is not in the agency table`);
      }
    }
    if (errors.length > 0) {
      throw new DomainError(
        'process-definition.invalid',
        `Invalid process definition: ${errors.join('; ')}`,
        'invalid',
        { errors },
      );
    }
    return document as ProcessDefinitionDocument;
  }

  private async procedure(manager: EntityManager, id: string): Promise<ProcedureEntity> {
    const procedure = await manager.getRepository(ProcedureEntity).findOne({ where: { id } });
    if (!procedure) throw new DomainError('procedure.not-found', `Procedure ${id} not found`, 'not-found');
    return procedure;
  }

  private async definition(manager: EntityManager, id: string): Promise<ProcessDefinitionEntity> {
    const found = await new ProcessDefinitionRepository(manager).findById(id);
    if (!found)
      throw new DomainError('process-definition.not-found', `Process definition ${id} not found`, 'not-found');
    return found;
  }
}
