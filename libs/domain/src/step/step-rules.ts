import { DossierStatus, isFinalDossierStatus } from '../dossier/dossier-status';
import { DomainError } from '../errors/domain-error';
import { isParallelStep, StepDefinition, StepOutcome } from '../process-definition/process-definition';

/** Roles that may be given a step of their agency. */
export const ASSIGNABLE_ROLES = ['agency_officer', 'agency_lead'] as const;

/** What the assignee rule needs to know about a candidate officer. */
export interface AssigneeFacts {
  active: boolean;
  agencyId: string;
  roles: readonly string[];
}

/**
 * Why `candidate` cannot be given a step of `stepAgencyId` (null = they can): an active account of the step's own
 * agency holding an officer or lead role.
 */
export function assigneeProblem(candidate: AssigneeFacts, stepAgencyId: string): string | null {
  if (!candidate.active) return 'is not active';
  if (candidate.agencyId !== stepAgencyId) return "does not belong to the step's agency";
  if (!candidate.roles.some((role) => (ASSIGNABLE_ROLES as readonly string[]).includes(role)))
    return `has none of the roles ${ASSIGNABLE_ROLES.join(', ')}`;
  return null;
}

/**
 * Steps of an ended dossier (withdrawn, refused, stopped...) are cancelled and can no longer be worked on: 409.
 */
export function checkDossierOpenForSteps(dossier: { code: string; status: DossierStatus }, stepId: string): void {
  if (!isFinalDossierStatus(dossier.status)) return;
  throw new DomainError(
    'step-task.dossier-ended',
    `Step '${stepId}' belongs to dossier ${dossier.code}, which is ${dossier.status}: its steps are cancelled and can no longer be completed`,
    'conflict',
    { dossierStatus: dossier.status },
  );
}

/**
 * Whether a step run may end with `outcome`: the step must be a work step of the definition, a person may not
 * complete a step that waits for its sub-dossier, the outcome must be one of the step's transitions, and a
 * supplement may be requested once per dossier. Throws the DomainError the API answers with.
 */
export function checkStepOutcome(input: {
  stepId: string;
  step: StepDefinition | undefined;
  outcome: StepOutcome;
  byPerson: boolean;
  /** Supplement requests already made for the dossier (any step). */
  supplementRequestsSoFar: number;
  /** The dossier's rule set `maxSupplementRequestsPerDossier` (NĐ 61/2018: 1). */
  maxSupplementRequests?: number;
}): void {
  const { step, stepId, outcome } = input;
  if (!step || isParallelStep(step)) {
    throw new DomainError(
      'step-task.unknown-step',
      `Step '${stepId}' is not in the dossier's process definition`,
      'conflict',
    );
  }
  if (input.byPerson && step.kind === 'task' && step.subDossier) {
    // The router completes it when the linked sub-dossier finishes (result → approve, refusal → refuse).
    throw new DomainError(
      'step-task.awaits-sub-dossier',
      `Step '${stepId}' waits for its sub-dossier of procedure ${step.subDossier.procedureCode} and completes by itself when that dossier finishes`,
      'precondition',
    );
  }
  if (input.byPerson && step.kind === 'payment') {
    // The payment service completes it when the request is paid (desk payment, gateway IPN or reconciliation).
    throw new DomainError(
      'step-task.awaits-payment',
      `Step '${stepId}' completes when its fee is paid: record a desk payment (POST /dossiers/{id}/payments/desk) or pay online`,
      'precondition',
    );
  }
  if (step.transitions[outcome] === undefined) {
    const allowed = Object.keys(step.transitions);
    throw new DomainError(
      'step-task.outcome-not-allowed',
      `Step '${stepId}' cannot end with '${outcome}' (allowed: ${allowed.join(', ')})`,
      'invalid',
      { allowed },
    );
  }
  const maxSupplementRequests = input.maxSupplementRequests ?? 1;
  if (outcome === 'request-supplement' && input.supplementRequestsSoFar >= maxSupplementRequests) {
    // NĐ 61/2018 Art. 16 (rule set maxSupplementRequestsPerDossier): everything missing is asked for at once.
    throw new DomainError(
      'step-task.supplement-already-requested',
      `A supplement was already requested for this dossier (the rule set allows ${maxSupplementRequests} request` +
        `${maxSupplementRequests === 1 ? '' : 's'} per dossier)`,
      'precondition',
    );
  }
}
