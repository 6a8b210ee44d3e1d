import {
  isParallelStep,
  isSpecialTarget,
  ParallelStepDefinition,
  ProcessDefinitionDocument,
  StepDefinition,
  WorkStepDefinition,
} from './process-definition';

/** Where a step sits inside a parallel block. */
export interface BranchMembership {
  parallelStepId: string;
  /** Id of the first step of the branch. */
  branchStepId: string;
}

/** Indexes over a definition, shared by the validator and the router. */
export interface ProcessGraph {
  definition: ProcessDefinitionDocument;
  stepsById: ReadonlyMap<string, StepDefinition>;
  /** Work steps inside a parallel branch → their branch (the first branch found when branches overlap). */
  branchOf: ReadonlyMap<string, BranchMembership>;
  /** For each parallel step, each branch's reachable step ids in discovery order (may wrongly include the join). */
  branchSteps: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

/** Step-id targets of a work step (special targets left out), in outcome order. */
export function stepTargets(step: WorkStepDefinition): string[] {
  return Object.values(step.transitions ?? {}).filter(
    (target): target is string => typeof target === 'string' && !isSpecialTarget(target),
  );
}

const graphCache = new WeakMap<ProcessDefinitionDocument, ProcessGraph>();

/**
 * The graph of a definition, cached per document object for the router (published definitions are
 * immutable). The validator builds a fresh one, as drafts may be edited between validations.
 */
export function processGraphOf(definition: ProcessDefinitionDocument): ProcessGraph {
  let graph = graphCache.get(definition);
  if (!graph) {
    graph = buildProcessGraph(definition);
    graphCache.set(definition, graph);
  }
  return graph;
}

export function buildProcessGraph(definition: ProcessDefinitionDocument): ProcessGraph {
  const stepsById = new Map<string, StepDefinition>();
  for (const step of definition.steps) if (!stepsById.has(step.id)) stepsById.set(step.id, step);
  const branchOf = new Map<string, BranchMembership>();
  const branchSteps = new Map<string, Map<string, string[]>>();
  for (const step of definition.steps) {
    if (!isParallelStep(step)) continue;
    const branches = new Map<string, string[]>();
    for (const branchStepId of step.branches ?? []) {
      const members = collectBranch(stepsById, step, branchStepId);
      branches.set(branchStepId, members);
      for (const member of members) {
        // a branch that wrongly leads to its join, a parallel step or the start does not own them
        const outside =
          member === step.join ||
          member === definition.start ||
          isParallelStep(stepsById.get(member) as StepDefinition);
        if (!outside && !branchOf.has(member)) branchOf.set(member, { parallelStepId: step.id, branchStepId });
      }
    }
    branchSteps.set(step.id, branches);
  }
  return { definition, stepsById, branchOf, branchSteps };
}

/** Every step reachable from the branch's first step by step-id targets, stopping at parallel steps. */
function collectBranch(
  stepsById: ReadonlyMap<string, StepDefinition>,
  parallel: ParallelStepDefinition,
  branchStepId: string,
): string[] {
  const seen: string[] = [];
  const queue = [branchStepId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.includes(id)) continue;
    const step = stepsById.get(id);
    if (!step) continue;
    seen.push(id);
    if (isParallelStep(step) || id === parallel.join) continue;
    queue.push(...stepTargets(step));
  }
  return seen;
}
