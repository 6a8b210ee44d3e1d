import { DEFAULT_JOB_OPTIONS, defineQueue, outboxJob, OutboxEntry, QueueContract } from './queue-contract';

/**
 * One queue per agency, `agency.<agency identifier>` (QCVN 102 identifier, e.g. `agency.000.00.12.H62`):
 * a started step of that agency. Connector steps are executed by the connector worker of that queue; for
 * human steps the job only announces the task (the inbox reads Postgres, the system of record).
 * WARNING: the queue-name prefix and job names are persistent identifiers, never rename.
 */
export interface AgencyJobs {
  'step.v1': { stepTaskId: string };
}

export const AGENCY_QUEUE_PREFIX = 'agency.';

/** Retries with exponential backoff: connector failures are retried by BullMQ before the dead letter. */
export const AGENCY_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, backoff: { type: 'exponential', delay: 1000 } };

export function agencyQueueName(agencyIdentifier: string): string {
  return `${AGENCY_QUEUE_PREFIX}${agencyIdentifier}`;
}

export function agencyQueue(agencyIdentifier: string): QueueContract<AgencyJobs> {
  return defineQueue<AgencyJobs>(agencyQueueName(agencyIdentifier), AGENCY_JOB_OPTIONS);
}

/** Business key of one step run: `${dossierId}-${stepId}-${attempt}-${branchKey or 'main'}` (no ':'). */
export function stepTaskBusinessKey(key: {
  dossierId: string;
  stepId: string;
  attempt: number;
  branchKey: string;
}): string {
  return `${key.dossierId}-${key.stepId}-${key.attempt}-${key.branchKey || 'main'}`;
}

/**
 * The outbox entry announcing a started step to its agency. `dispatch` distinguishes a manual retry of a
 * dead-lettered connector step (0 = the first dispatch), so each dispatch is written exactly once.
 */
export function stepJob(
  agencyIdentifier: string,
  stepTaskId: string,
  key: { dossierId: string; stepId: string; attempt: number; branchKey: string },
  dispatch = 0,
): OutboxEntry {
  const dedupeKey = `step-${stepTaskBusinessKey(key)}${dispatch > 0 ? `-retry${dispatch}` : ''}`;
  return outboxJob(agencyQueue(agencyIdentifier), 'step.v1', { stepTaskId }, { dedupeKey });
}
