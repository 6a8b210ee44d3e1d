import { defineQueue, DEFAULT_JOB_OPTIONS } from './queue-contract';

/**
 * The workflow service's input: every dossier event that may move a dossier (accepted, step completed,
 * supplement received, payment received...). Written to the outbox by `appendDossierEvent` in the same
 * transaction as the event row. WARNING: persistent identifiers, never rename.
 */
export interface WorkflowJobs {
  'dossier-event.v1': { dossierId: string; eventId: string; eventType: string };
}

export const WORKFLOW_QUEUE = defineQueue<WorkflowJobs>('workflow', DEFAULT_JOB_OPTIONS);
