import type { ProcessDefinitionDocument } from '../process-definition/process-definition';
import { END_RESULT_READY_TARGET } from '../process-definition/process-definition';

/**
 * Whether `stepId` is a last processing step of the definition: approving it makes the result (the process ends
 * with a result, or the next step is the delivery step). That step's agency attaches the result record and file.
 */
export function isLastProcessingStep(definition: Partial<ProcessDefinitionDocument>, stepId: string): boolean {
  const steps = Array.isArray(definition.steps) ? definition.steps : [];
  const step = steps.find((candidate) => candidate.id === stepId);
  if (!step || step.kind === 'parallel' || step.kind === 'delivery') return false;
  const target = step.transitions?.approve;
  if (target === undefined) return false;
  if (target === END_RESULT_READY_TARGET) return true;
  return steps.some((candidate) => candidate.id === target && candidate.kind === 'delivery');
}
