import { DomainError } from '../errors/domain-error';
import { buildProcessGraph } from './process-graph';
import { DEFAULT_HOURS_PER_WORKING_DAY, ProcessDefinitionDocument } from './process-definition';
import { checkShape } from './process-definition-shape';
import { checkForwardCycles, checkGraph, checkPathsAndBudgets } from './process-definition-graph-checks';

export interface ProcessDefinitionValidationOptions {
  /** Working hours in one working day, for converting budgets and legal time (default 8). */
  hoursPerWorkingDay?: number;
  /**
   * Whether payment steps count against the legal time. Default false: the wait for the applicant's
   * financial obligation is the applicant's time, not an agency's (national status 6; unverified,
   * hence an option).
   */
  countPaymentStepsInLegalTime?: boolean;
}

export type ProcessDefinitionValidation =
  { ok: true; definition: ProcessDefinitionDocument } | { ok: false; errors: string[] };

/**
 * Checks a process-definition document: shape, step graph (ids, targets, reachability, parallel
 * branches, no forward cycles, a way to the result) and that the step budgets fit the legal time.
 * Returns every problem found, as sentences a procedure administrator can act on.
 */
export function validateProcessDefinition(
  document: unknown,
  options: ProcessDefinitionValidationOptions = {},
): ProcessDefinitionValidation {
  const hoursPerWorkingDay = options.hoursPerWorkingDay ?? DEFAULT_HOURS_PER_WORKING_DAY;
  const errors = checkShape(document);
  if (errors.length > 0) return { ok: false, errors };
  const definition = document as ProcessDefinitionDocument;
  const graph = buildProcessGraph(definition);
  const graphErrors = checkGraph(graph);
  if (graphErrors.length > 0) return { ok: false, errors: graphErrors };
  const cycleErrors = checkForwardCycles(graph);
  if (cycleErrors.length > 0) return { ok: false, errors: cycleErrors };
  const timeErrors = checkPathsAndBudgets(graph, hoursPerWorkingDay, options.countPaymentStepsInLegalTime ?? false);
  if (timeErrors.length > 0) return { ok: false, errors: timeErrors };
  return { ok: true, definition };
}

/**
 * Like `validateProcessDefinition`, but throws.
 * @throws DomainError kind 'invalid', code 'process-definition.invalid', message = all problems joined.
 */
export function assertValidProcessDefinition(
  document: unknown,
  options: ProcessDefinitionValidationOptions = {},
): ProcessDefinitionDocument {
  const result = validateProcessDefinition(document, options);
  if (result.ok) return result.definition;
  throw new DomainError(
    'process-definition.invalid',
    `Invalid process definition: ${result.errors.join('; ')}`,
    'invalid',
    { errors: result.errors },
  );
}
