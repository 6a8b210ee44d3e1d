/**
 * The first pass of `validateProcessDefinition`: the document's shape (fields, types, step kinds, outcomes, durations,
 * agencies, sub-dossier settings), before any graph is built from it.
 */
import { STEP_KINDS, STEP_OUTCOMES, WorkingDuration } from './process-definition';

/** Step ids end up in job ids (`${dossierId}-${stepId}-${attempt}`) and branch keys: no `:` or `/`. */
const STEP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

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

export function checkShape(document: unknown): string[] {
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
