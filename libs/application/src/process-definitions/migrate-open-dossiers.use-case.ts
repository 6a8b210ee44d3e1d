import { DomainError, FINAL_DOSSIER_STATUSES, isParallelStep } from '@motcua/domain';
import { DossierEventActor, dossierRowLockClause, ProcessDefinitionRepository } from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { EntityManager } from 'typeorm';

export interface MigrateDossiersInput {
  /** A published version to move dossiers to. */
  toDefinitionId: string;
  /** Only dossiers pinned to this version (default: every other version of the same procedure). */
  fromDefinitionId?: string;
  /** Old step id → new step id; ids not listed keep their name and must exist in the new version. */
  stepMapping: Record<string, string>;
  /** Only these dossiers (default: every open dossier pinned to the source version(s)). */
  dossierIds?: string[];
  actor: DossierEventActor | null;
  now: Date;
}

export interface MigrateDossiersResult {
  toDefinitionId: string;
  toVersion: number;
  migrated: Array<{ dossierId: string; fromDefinitionId: string; fromVersion: number }>;
}

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('definition-migration.invalid', message, 'invalid', details);
}

/**
 * The one explicit way a running dossier changes its pinned process-definition version: moves open dossiers to
 * a published version with a step-id mapping, renames their step runs (history keeps its old version id on
 * finished steps), and writes a 'definition-migrated' event per dossier. All or nothing, caller's transaction.
 */
export async function migrateOpenDossiers(
  manager: EntityManager,
  input: MigrateDossiersInput,
): Promise<MigrateDossiersResult> {
  const definitions = new ProcessDefinitionRepository(manager);
  const target = await definitions.findById(input.toDefinitionId);
  if (!target)
    throw new DomainError(
      'process-definition.not-found',
      `Process definition ${input.toDefinitionId} not found`,
      'not-found',
    );
  if (target.status !== 'published') {
    throw new DomainError(
      'definition-migration.not-published',
      `Version ${target.version} is a draft: publish it before migrating dossiers to it`,
      'precondition',
    );
  }
  const mapping = input.stepMapping ?? {};
  const targets = Object.values(mapping);
  if (new Set(targets).size !== targets.length) throw invalid('stepMapping: two old steps map to the same new step');
  const newWorkSteps = new Set(target.document.steps.filter((step) => !isParallelStep(step)).map((step) => step.id));
  const newSteps = new Set(target.document.steps.map((step) => step.id));
  for (const [from, to] of Object.entries(mapping)) {
    if (!newSteps.has(to))
      throw invalid(`stepMapping: '${from}' → '${to}', but version ${target.version} has no step '${to}'`);
  }
  const map = (stepId: string) => mapping[stepId] ?? stepId;

  const values: unknown[] = [target.procedureId, target.id, [...FINAL_DOSSIER_STATUSES]];
  let filter = '';
  if (input.fromDefinitionId) {
    values.push(input.fromDefinitionId);
    filter += ` AND dossier.process_definition_id = $${values.length}`;
  }
  if (input.dossierIds) {
    values.push(input.dossierIds);
    filter += ` AND dossier.id = ANY($${values.length}::uuid[])`;
  }
  const dossiers: Array<{ id: string; process_definition_id: string; version: number; from_version: number }> =
    await manager.query(
      `SELECT dossier.id, dossier.process_definition_id, dossier.version, definition.version AS from_version
     FROM dossier JOIN process_definition definition ON definition.id = dossier.process_definition_id
     WHERE dossier.procedure_id = $1 AND dossier.process_definition_id <> $2 AND NOT (dossier.status = ANY($3::text[]))${filter}
     ORDER BY dossier.id ${dossierRowLockClause('dossier')}`,
      values,
    );
  const result: MigrateDossiersResult = { toDefinitionId: target.id, toVersion: target.version, migrated: [] };
  for (const dossier of dossiers) {
    const pending: Array<{ step_id: string }> = await manager.query(
      `SELECT DISTINCT step_id FROM step_task WHERE dossier_id = $1 AND status IN ('open', 'claimed', 'dead-letter')`,
      [dossier.id],
    );
    for (const { step_id } of pending) {
      if (!newWorkSteps.has(map(step_id))) {
        throw invalid(
          `dossier ${dossier.id}: its open step '${step_id}' has no counterpart in version ${target.version}; add it to stepMapping`,
          {
            dossierId: dossier.id,
            stepId: step_id,
          },
        );
      }
    }
    if (Object.keys(mapping).length > 0) {
      await manager.query(
        `UPDATE step_task SET
           step_id = coalesce(($2::jsonb ->> step_id), step_id),
           previous_step_id = coalesce(($2::jsonb ->> previous_step_id), previous_step_id),
           parallel_step_id = coalesce(($2::jsonb ->> parallel_step_id), parallel_step_id),
           branch_key = CASE WHEN branch_key = '' THEN '' ELSE
             coalesce(($2::jsonb ->> split_part(branch_key, '/', 1)), split_part(branch_key, '/', 1)) || '/' ||
             split_part(branch_key, '/', 2) || '/' ||
             coalesce(($2::jsonb ->> split_part(branch_key, '/', 3)), split_part(branch_key, '/', 3)) END,
           version = version + 1, updated_at = now()
         WHERE dossier_id = $1`,
        [dossier.id, JSON.stringify(mapping)],
      );
    }
    await manager.query(
      `UPDATE step_task SET process_definition_id = $2, version = version + 1, updated_at = now()
       WHERE dossier_id = $1 AND status IN ('open', 'claimed', 'dead-letter')`,
      [dossier.id, target.id],
    );
    const [, updated] = await manager.query(
      `UPDATE dossier SET process_definition_id = $2, version = version + 1, updated_at = now() WHERE id = $1 AND version = $3`,
      [dossier.id, target.id, dossier.version],
    );
    if (updated !== 1)
      throw new DomainError(
        'definition-migration.conflict',
        `dossier ${dossier.id} changed during the migration`,
        'conflict',
      );
    await appendDossierEvent(manager, {
      dossierId: dossier.id,
      type: 'definition-migrated',
      payload: {
        fromDefinitionId: dossier.process_definition_id,
        fromVersion: Number(dossier.from_version),
        toDefinitionId: target.id,
        toVersion: target.version,
        stepMapping: mapping,
      },
      actor: input.actor,
      occurredAt: input.now,
    });
    result.migrated.push({
      dossierId: dossier.id,
      fromDefinitionId: dossier.process_definition_id,
      fromVersion: Number(dossier.from_version),
    });
  }
  return result;
}
