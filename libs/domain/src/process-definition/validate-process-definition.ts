import { DomainError } from '../errors/domain-error';
import { buildProcessGraph, ProcessGraph, stepTargets } from './process-graph';
import {
  DEFAULT_HOURS_PER_WORKING_DAY,
  END_RESULT_READY_TARGET,
  formatWorkingHours,
  isParallelStep,
  isSpecialTarget,
  JOIN_TARGET,
  PREVIOUS_TARGET,
  ProcessDefinitionDocument,
  STEP_KINDS,
  STEP_OUTCOMES,
  StepDefinition,
  toWorkingHours,
  WorkingDuration,
  WorkStepDefinition,
} from './process-definition';

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

/** Step ids end up in job ids (`${dossierId}-${stepId}-${attempt}`) and branch keys: no `:` or `/`. */
const STEP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Outcomes whose edges move the dossier forward; they must not form cycles and carry the budget. */
const FORWARD_OUTCOMES = ['approve', 'forward'] as const;

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

// ---------------------------------------------------------------------------------------------------
// Shape

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkDuration(value: unknown, what: string, errors: string[]): void {
  if (!isRecord(value)) {
    errors.push(`${what} must be an object with workingDays and/or workingHours`);
    return;
  }
  const { workingDays, workingHours } = value as WorkingDuration;
  for (const [name, part] of [
    ['workingDays', workingDays],
    ['workingHours', workingHours],
  ] as const) {
    if (part !== undefined && (typeof part !== 'number' || !Number.isFinite(part) || part < 0)) {
      errors.push(`${what} ${name} must be a non-negative number, got ${JSON.stringify(part)}`);
      return;
    }
  }
  if ((workingDays ?? 0) + (workingHours ?? 0) <= 0) {
    errors.push(`${what} must be positive (set workingDays and/or workingHours)`);
  }
}

function checkAgency(value: unknown, what: string, errors: string[]): void {
  if (isRecord(value) && typeof value.code === 'string' && value.code.trim() !== '') return;
  if (isRecord(value) && value.role === 'receiving-desk') return;
  errors.push(`${what} must be { code: '<agency code>' } or { role: 'receiving-desk' }`);
}

/**
 * `subDossier` (task steps only): `{ procedureCode, receivingAgency: { code } }`, another procedure than the
 * definition's own (a child of the same procedure would spawn itself again), and both outcomes the child can
 * end with ('approve' for a result, 'refuse' for a refusal) must be transitions of the step.
 */
function checkSubDossier(
  raw: Record<string, unknown>,
  what: string,
  ownProcedureCode: unknown,
  errors: string[],
): void {
  const setting = raw.subDossier;
  const expected = "{ procedureCode: '<national procedure code>', receivingAgency: { code: '<agency code>' } }";
  if (raw.kind !== 'task') {
    errors.push(`${what} subDossier is only allowed on 'task' steps, not on '${String(raw.kind)}' steps`);
    return;
  }
  if (!isRecord(setting)) {
    errors.push(`${what} subDossier must be ${expected}`);
    return;
  }
  if (typeof setting.procedureCode !== 'string' || setting.procedureCode.trim() === '') {
    errors.push(`${what} subDossier.procedureCode must be a non-empty national procedure code such as "1.001234"`);
  } else if (setting.procedureCode === ownProcedureCode) {
    errors.push(
      `${what} subDossier.procedureCode '${setting.procedureCode}' is the definition's own procedure; a sub-dossier must be of another procedure`,
    );
  }
  const agency = setting.receivingAgency;
  if (!isRecord(agency) || typeof agency.code !== 'string' || agency.code.trim() === '') {
    errors.push(
      `${what} subDossier.receivingAgency must be { code: '<agency code>' } (the agency that receives the sub-dossier)`,
    );
  }
  const unknownKeys = Object.keys(setting).filter((key) => key !== 'procedureCode' && key !== 'receivingAgency');
  if (unknownKeys.length > 0)
    errors.push(`${what} subDossier has unknown field(s) ${unknownKeys.join(', ')}; expected ${expected}`);
  if (isRecord(raw.transitions)) {
    for (const outcome of ['approve', 'refuse'] as const) {
      if (raw.transitions[outcome] === undefined) {
        errors.push(
          `${what} spawns a sub-dossier and completes with '${outcome}' when the sub-dossier ${outcome === 'approve' ? 'has its result' : 'is refused'}; give it a${outcome === 'approve' ? 'n' : ''} '${outcome}' transition`,
        );
      }
    }
  }
}

function checkShape(document: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(document)) return ['the process definition must be a JSON object'];
  if (typeof document.procedureCode !== 'string' || document.procedureCode.trim() === '') {
    errors.push('procedureCode must be a non-empty string such as "1.001234"');
  }
  if (typeof document.version !== 'number' || !Number.isInteger(document.version) || document.version < 1) {
    errors.push(`version must be a positive integer, got ${JSON.stringify(document.version)}`);
  }
  checkDuration(document.legalTime, "the procedure's legalTime", errors);
  if (document.handover !== 'electronic' && document.handover !== 'paper') {
    errors.push(`handover must be 'electronic' or 'paper', got ${JSON.stringify(document.handover)}`);
  }
  if (typeof document.start !== 'string' || document.start === '') errors.push('start must be a step id');
  if (!Array.isArray(document.steps) || document.steps.length === 0) {
    errors.push('steps must be a non-empty array');
    return errors;
  }
  const seen = new Set<string>();
  document.steps.forEach((raw: unknown, index: number) => {
    if (!isRecord(raw) || typeof raw.id !== 'string') {
      errors.push(`steps[${index}] must be an object with a string id`);
      return;
    }
    const id = raw.id;
    const what = `step '${id}'`;
    if (!STEP_ID_PATTERN.test(id)) {
      errors.push(`${what} id must start with a letter or digit and contain only letters, digits, '.', '_' and '-'`);
    }
    if (seen.has(id)) errors.push(`step id '${id}' is used more than once`);
    seen.add(id);
    if (!(STEP_KINDS as readonly unknown[]).includes(raw.kind)) {
      errors.push(`${what} kind must be one of ${STEP_KINDS.join(', ')}, got ${JSON.stringify(raw.kind)}`);
      return;
    }
    if (raw.kind === 'parallel') {
      if (
        !Array.isArray(raw.branches) ||
        raw.branches.length < 2 ||
        !raw.branches.every((b) => typeof b === 'string')
      ) {
        errors.push(`${what} branches must list at least two step ids`);
      } else if (new Set(raw.branches).size !== raw.branches.length) {
        errors.push(`${what} lists the same branch more than once`);
      }
      if (typeof raw.join !== 'string' || raw.join === '') errors.push(`${what} join must be a step id`);
      checkAgency(raw.leadAgency, `${what} leadAgency`, errors);
      return;
    }
    checkAgency(raw.agency, `${what} agency`, errors);
    checkDuration(raw.budget, `${what} budget`, errors);
    if (raw.handover !== undefined && raw.handover !== 'electronic' && raw.handover !== 'paper') {
      errors.push(`${what} handover must be 'electronic' or 'paper'`);
    }
    if (raw.kind === 'connector') {
      if (typeof raw.connector !== 'string' || raw.connector === '')
        errors.push(`${what} connector must name a connector`);
      if (typeof raw.maxAttempts !== 'number' || !Number.isInteger(raw.maxAttempts) || raw.maxAttempts < 1) {
        errors.push(`${what} maxAttempts must be a positive integer`);
      }
    }
    if (raw.subDossier !== undefined) checkSubDossier(raw, what, document.procedureCode, errors);
    if (!isRecord(raw.transitions) || Object.keys(raw.transitions).length === 0) {
      errors.push(`${what} has no transitions; give at least 'approve'`);
      return;
    }
    for (const [outcome, target] of Object.entries(raw.transitions)) {
      if (!(STEP_OUTCOMES as readonly string[]).includes(outcome)) {
        errors.push(`${what} has unknown outcome '${outcome}' (expected one of ${STEP_OUTCOMES.join(', ')})`);
      }
      if (typeof target !== 'string' || target === '')
        errors.push(`${what} outcome '${outcome}' must target a step id or a special target`);
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// Graph

function checkGraph(graph: ProcessGraph): string[] {
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

function checkForwardCycles(graph: ProcessGraph): string[] {
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

function checkPathsAndBudgets(graph: ProcessGraph, hoursPerWorkingDay: number, countPayment: boolean): string[] {
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

// File length: one validator that reports every problem of a definition at once, with a section per step kind.
