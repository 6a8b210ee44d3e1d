/**
 * Versioned process definitions: how one procedure's dossiers travel between agencies after intake.
 * Stored as JSON documents, pinned by version on each dossier, immutable once published.
 */

/** A length of working time. 1 working day = `hoursPerWorkingDay` (8 by default) working hours. */
export interface WorkingDuration {
  workingDays?: number;
  workingHours?: number;
}

/** How a dossier is handed from one agency to the next (target: ≥ 80% electronic). */
export type Handover = 'electronic' | 'paper';

/** Who works on a step: an agency by its electronic identifier, or the desk that received the dossier. */
export type AgencyReference = { code: string } | { role: 'receiving-desk' };

/** How a step instance ends. */
export const STEP_OUTCOMES = ['approve', 'return', 'request-supplement', 'refuse', 'forward'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** Special targets; any other target is a step id. */
export const PREVIOUS_TARGET = '@previous';
export const JOIN_TARGET = '@join';
export const END_RESULT_READY_TARGET = '@end:result-ready';
export const END_REFUSED_TARGET = '@end:refused';
export const SPECIAL_TARGETS = [PREVIOUS_TARGET, JOIN_TARGET, END_RESULT_READY_TARGET, END_REFUSED_TARGET] as const;
export type SpecialTarget = (typeof SPECIAL_TARGETS)[number];

/**
 * Where an outcome leads: a step id, `'@previous'` (back to the step that handed the dossier over),
 * `'@end:result-ready'`, `'@end:refused'`, or `'@join'` (end of a parallel branch).
 * For `request-supplement` the target is the step that resumes once the applicant has supplied the
 * documents (usually the step itself).
 */
export type StepTarget = string;

export type StepTransitions = Partial<Record<StepOutcome, StepTarget>>;

interface WorkStepBase {
  id: string;
  /** Human label, e.g. "Tax department computes the land levy". */
  name?: string;
  agency: AgencyReference;
  budget: WorkingDuration;
  /** Overrides the definition's default hand-over for the hand-over into this step. */
  handover?: Handover;
  transitions: StepTransitions;
}

/**
 * A linked inter-agency sub-dossier (NĐ 61/2018 Art. 19: a dossier that needs a decision at another administrative
 * level is forwarded upward and the result comes back to the desk that received it). When the step starts, the
 * router opens a child dossier of `procedureCode` received at `receivingAgency`; the step completes by itself with
 * 'approve' when the child's result is ready (or returned) and with 'refuse' when the child is refused.
 */
export interface SubDossierSetting {
  /** National code of the child's procedure; it needs a published definition of its own. */
  procedureCode: string;
  /** The agency (electronic identifier) that receives the child dossier. */
  receivingAgency: { code: string };
}

/** A task in an agency's human inbox. */
export interface TaskStepDefinition extends WorkStepBase {
  kind: 'task';
  /** Spawns a linked sub-dossier at another agency; the step then waits for it instead of an officer. */
  subDossier?: SubDossierSetting;
}

/** An automated call to an agency's system. */
export interface ConnectorStepDefinition extends WorkStepBase {
  kind: 'connector';
  /** Name of the registered connector adapter. */
  connector: string;
  maxAttempts: number;
}

/** A fee request to the applicant. Its budget is the time allowed to pay. */
export interface PaymentStepDefinition extends WorkStepBase {
  kind: 'payment';
}

/** Returning the result to the applicant (desk, online or post). */
export interface DeliveryStepDefinition extends WorkStepBase {
  kind: 'delivery';
}

/**
 * Electronic parallel inter-agency processing (NĐ 61/2018 Art. 19.7): the dossier goes to every branch
 * at once; each branch ends with `'@join'`; the `join` step starts once every branch has joined.
 * Branches may not contain parallel steps.
 */
export interface ParallelStepDefinition {
  id: string;
  name?: string;
  kind: 'parallel';
  /** Step ids, each the first step of one branch. */
  branches: string[];
  join: string;
  /** The agency that leads (cơ quan chủ trì). */
  leadAgency: AgencyReference;
}

export type WorkStepDefinition =
  TaskStepDefinition | ConnectorStepDefinition | PaymentStepDefinition | DeliveryStepDefinition;
export type StepDefinition = WorkStepDefinition | ParallelStepDefinition;
export type StepKind = StepDefinition['kind'];
export const STEP_KINDS: readonly StepKind[] = ['task', 'connector', 'payment', 'delivery', 'parallel'];

export interface ProcessDefinitionDocument {
  /** National procedure code, e.g. `1.001234`. */
  procedureCode: string;
  /** Positive integer; a published version never changes. */
  version: number;
  /** The procedure's legal processing time. */
  legalTime: WorkingDuration;
  /** Default hand-over between steps. */
  handover: Handover;
  /** Id of the step that starts once the desk accepts the dossier. */
  start: string;
  steps: StepDefinition[];
}

/** Default length of a working day in working hours (DOMAIN.md "Working time"). */
export const DEFAULT_HOURS_PER_WORKING_DAY = 8;

export function isSpecialTarget(target: string): target is SpecialTarget {
  return (SPECIAL_TARGETS as readonly string[]).includes(target);
}

export function isParallelStep(step: StepDefinition): step is ParallelStepDefinition {
  return step.kind === 'parallel';
}

/** Total working hours of a duration (missing parts count as 0). */
export function toWorkingHours(
  duration: WorkingDuration,
  hoursPerWorkingDay: number = DEFAULT_HOURS_PER_WORKING_DAY,
): number {
  return (duration.workingDays ?? 0) * hoursPerWorkingDay + (duration.workingHours ?? 0);
}

/** "3 working days", "4 working hours", "2 working days 4 working hours". */
export function formatWorkingHours(
  totalHours: number,
  hoursPerWorkingDay: number = DEFAULT_HOURS_PER_WORKING_DAY,
): string {
  const days = Math.floor(totalHours / hoursPerWorkingDay);
  const hours = Math.round((totalHours - days * hoursPerWorkingDay) * 1000) / 1000;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} working day${days === 1 ? '' : 's'}`);
  if (hours > 0 || days === 0) parts.push(`${hours} working hour${hours === 1 ? '' : 's'}`);
  return parts.join(' ');
}

export function formatAgency(agency: AgencyReference): string {
  return 'code' in agency ? agency.code : 'the receiving desk';
}
