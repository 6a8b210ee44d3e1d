/**
 * The graph passes of `validateProcessDefinition`, once the shape is sound: ids and targets, reachability, parallel
 * branches and joins, no forward cycles, a way to the result, and step budgets that fit the legal time.
 */
import { ProcessGraph, stepTargets } from './process-graph';
import {
  END_RESULT_READY_TARGET,
  formatWorkingHours,
  isParallelStep,
  isSpecialTarget,
  JOIN_TARGET,
  PREVIOUS_TARGET,
  StepDefinition,
  toWorkingHours,
  WorkStepDefinition,
} from './process-definition';

/** Outcomes whose edges move the dossier forward; they must not form cycles and carry the budget. */
const FORWARD_OUTCOMES = ['approve', 'forward'] as const;

/** Ids, targets, reachability, parallel branches and joins, and a way to the result. */
export function checkGraph(graph: ProcessGraph): string[] {
  const errors: string[] = [];
  const { definition, stepsById, branchOf, branchSteps } = graph;
  if (!stepsById.has(definition.start)) errors.push(`start step '${definition.start}' does not exist`);

  for (const step of definition.steps) {
    if (isParallelStep(step)) {
      for (const branch of step.branches) {
        const first = stepsById.get(branch);
        if (!first) errors.push(`parallel step '${step.id}' branch '${branch}' does not exist`);
        else if (isParallelStep(first))
          errors.push(
            `parallel step '${step.id}' branch '${branch}' is itself parallel; nested parallel blocks are not supported`,
          );
      }
      if (!stepsById.has(step.join)) errors.push(`parallel step '${step.id}' join '${step.join}' does not exist`);
      else if (step.branches.includes(step.join))
        errors.push(`parallel step '${step.id}' join '${step.join}' is also one of its branches`);
      continue;
    }
    const membership = branchOf.get(step.id);
    for (const [outcome, target] of Object.entries(step.transitions)) {
      const where = `step '${step.id}' outcome '${outcome}'`;
      if (!isSpecialTarget(target)) {
        if (!stepsById.has(target)) errors.push(`${where} targets step '${target}', which does not exist`);
        continue;
      }
      if (outcome === 'request-supplement' && target !== PREVIOUS_TARGET) {
        errors.push(
          `${where} must name the step that resumes once the supplement arrives (a step id or '@previous'), not '${target}'`,
        );
        continue;
      }
      if (target === JOIN_TARGET && !membership) {
        errors.push(`${where} targets '@join' but the step is not inside a parallel branch`);
      }
      if (target === END_RESULT_READY_TARGET && membership) {
        errors.push(
          `${where} targets '@end:result-ready' inside branch '${membership.branchStepId}' of parallel step '${membership.parallelStepId}'; a branch must end with '@join' (or '@end:refused')`,
        );
      }
      if (target === PREVIOUS_TARGET && step.id === definition.start) {
        errors.push(`${where} targets '@previous' but '${step.id}' is the start step and has no previous step`);
      }
      if (target === PREVIOUS_TARGET && membership && membership.branchStepId === step.id) {
        errors.push(
          `${where} targets '@previous' but '${step.id}' is the first step of a branch of parallel step '${membership.parallelStepId}'; a branch cannot step back out of the parallel block`,
        );
      }
    }
  }
  if (errors.length > 0) return errors;

  // Parallel branches: disjoint, closed, entered only through their parallel step.
  const owner = new Map<string, string>();
  for (const [parallelId, branches] of branchSteps) {
    const parallel = stepsById.get(parallelId) as StepDefinition & { join: string };
    for (const [branchId, members] of branches) {
      for (const member of members) {
        const label = `branch '${branchId}' of parallel step '${parallelId}'`;
        const memberStep = stepsById.get(member) as StepDefinition;
        if (member === parallel.join || member === parallelId || member === definition.start) {
          errors.push(`${label} leads to step '${member}' by a step id; a branch must end with '@join' instead`);
        } else if (isParallelStep(memberStep)) {
          errors.push(`${label} reaches parallel step '${member}'; nested parallel blocks are not supported`);
        } else if (owner.has(member) && owner.get(member) !== label) {
          errors.push(
            `step '${member}' belongs to both ${owner.get(member)} and ${label}; branches must not share steps`,
          );
        } else {
          owner.set(member, label);
        }
      }
    }
  }
  for (const step of definition.steps) {
    if (isParallelStep(step)) continue;
    const membership = branchOf.get(step.id);
    for (const target of stepTargets(step)) {
      const targetMembership = branchOf.get(target);
      if (!targetMembership) continue;
      const sameBranch =
        membership !== undefined &&
        membership.parallelStepId === targetMembership.parallelStepId &&
        membership.branchStepId === targetMembership.branchStepId;
      if (!sameBranch) {
        errors.push(
          `step '${step.id}' leads into branch '${targetMembership.branchStepId}' of parallel step '${targetMembership.parallelStepId}'; a branch can only be entered through its parallel step`,
        );
      }
    }
  }

  // Reachability from the start over every edge.
  const reached = new Set<string>();
  const queue = [definition.start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    const step = stepsById.get(id);
    if (!step) continue;
    reached.add(id);
    if (isParallelStep(step)) queue.push(...step.branches, step.join);
    else queue.push(...stepTargets(step));
  }
  for (const step of definition.steps) {
    if (!reached.has(step.id))
      errors.push(`step '${step.id}' cannot be reached from the start step '${definition.start}'`);
  }
  return errors;
}

/** Forward edges (approve/forward outcomes, parallel → branches and join). */
function forwardEdges(graph: ProcessGraph, id: string): string[] {
  const step = graph.stepsById.get(id);
  if (!step) return [];
  if (isParallelStep(step)) return [...step.branches, step.join];
  return FORWARD_OUTCOMES.map((outcome) => step.transitions[outcome]).filter(
    (target): target is string => target !== undefined && !isSpecialTarget(target),
  );
}

export function checkForwardCycles(graph: ProcessGraph): string[] {
  const errors: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of forwardEdges(graph, id)) {
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          errors.push(
            `'approve'/'forward' outcomes form a cycle ${cycle.join(' → ')}; only 'return' and 'request-supplement' may lead back`,
          );
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const step of graph.definition.steps) if (!state.has(step.id)) visit(step.id);
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// Paths and time budgets

interface LongestPath {
  hours: number;
  /** Readable segments, e.g. "land-office 10 working days". */
  segments: string[];
  /** Step ids and blocks along the path, e.g. ["desk", "parallel 'p' (longest branch: tax)", ...]. */
  nodes: string[];
}

export function checkPathsAndBudgets(graph: ProcessGraph, hoursPerWorkingDay: number, countPayment: boolean): string[] {
  const errors: string[] = [];
  const { definition, stepsById } = graph;
  const memo = new Map<string, LongestPath | null>();
  const format = (hours: number) => formatWorkingHours(hours, hoursPerWorkingDay);

  const budgetOf = (step: WorkStepDefinition): number =>
    step.kind === 'payment' && !countPayment ? 0 : toWorkingHours(step.budget, hoursPerWorkingDay);

  /** Longest approve/forward path from `id` to `terminal`, or null if none exists. */
  const longest = (id: string, terminal: string): LongestPath | null => {
    const key = `${id}|${terminal}`;
    if (memo.has(key)) return memo.get(key) as LongestPath | null;
    memo.set(key, null);
    const step = stepsById.get(id);
    let best: LongestPath | null = null;
    if (step && isParallelStep(step)) {
      let block: { branch: string; path: LongestPath } | null = null;
      let allJoin = true;
      for (const branch of step.branches) {
        const path = longest(branch, JOIN_TARGET);
        if (!path) {
          allJoin = false;
          continue;
        }
        if (!block || path.hours > block.path.hours) block = { branch, path };
      }
      const after = longest(step.join, terminal);
      if (allJoin && block && after) {
        best = {
          hours: block.path.hours + after.hours,
          segments: [
            `parallel '${step.id}' ${format(block.path.hours)} (longest branch: ${block.path.segments.join(' + ')})`,
            ...after.segments,
          ],
          nodes: [`parallel '${step.id}' [${block.path.nodes.join(' → ')}]`, ...after.nodes],
        };
      }
    } else if (step) {
      const own = budgetOf(step);
      const segment = `${step.id} ${format(own)}`;
      for (const outcome of FORWARD_OUTCOMES) {
        const target = step.transitions[outcome];
        if (target === undefined) continue;
        let candidate: LongestPath | null = null;
        if (target === terminal) candidate = { hours: own, segments: [segment], nodes: [step.id] };
        else if (!isSpecialTarget(target)) {
          const rest = longest(target, terminal);
          if (rest)
            candidate = {
              hours: own + rest.hours,
              segments: [segment, ...rest.segments],
              nodes: [step.id, ...rest.nodes],
            };
        }
        if (candidate && (!best || candidate.hours > best.hours)) best = candidate;
      }
    }
    memo.set(key, best);
    return best;
  };

  for (const step of definition.steps) {
    if (!isParallelStep(step)) continue;
    for (const branch of step.branches) {
      if (!longest(branch, JOIN_TARGET)) {
        errors.push(
          `branch '${branch}' of parallel step '${step.id}' never reaches '@join' through 'approve'/'forward' outcomes`,
        );
      }
    }
  }
  if (errors.length > 0) return errors;

  const path = longest(definition.start, END_RESULT_READY_TARGET);
  if (!path) {
    return [
      `no path of 'approve'/'forward' outcomes leads from the start step '${definition.start}' to '@end:result-ready'`,
    ];
  }
  const legalHours = toWorkingHours(definition.legalTime, hoursPerWorkingDay);
  if (path.hours > legalHours + 1e-9) {
    errors.push(
      `the step budgets on path ${[...path.nodes, END_RESULT_READY_TARGET].join(' → ')} add up to ${format(path.hours)} ` +
        `(${path.segments.join(' + ')}), which exceeds the procedure's legal time of ${format(legalHours)}`,
    );
  }
  return errors;
}
