import type { JobsOptions } from 'bullmq';

/**
 * A queue's contract: its name, its job names with their payload types, default options.
 * WARNING: queue names and job names are persistent identifiers (they live in Redis and in outbox rows).
 * Never rename one; give an incompatible payload a new versioned job name (`foo.v2`).
 */
export interface QueueContract<Jobs extends object> {
  readonly name: string;
  readonly defaultJobOptions: JobsOptions;
  /** Phantom field carrying the job-name → payload map for the compiler. */
  readonly jobs?: Jobs;
}

/** What a producer asks to be enqueued (one `outbox_message` row); written by `writeOutbox` (`@motcua/platform`). */
export interface OutboxEntry {
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  /** Business key: the same key is written once, whoever writes it. */
  dedupeKey?: string;
  deliverAt?: Date;
}

export type JobsOf<C> = C extends QueueContract<infer J> ? J : never;
export type JobNameOf<C> = keyof JobsOf<C> & string;

export function defineQueue<Jobs extends object>(name: string, defaultJobOptions: JobsOptions): QueueContract<Jobs> {
  if (name.includes(':')) throw new Error(`queue name '${name}' must not contain ':'`);
  return { name, defaultJobOptions };
}

/** Typed outbox entry for a contract's job: the only way producers enqueue work. */
export function outboxJob<C extends QueueContract<object>, N extends JobNameOf<C>>(
  contract: C,
  jobName: N,
  payload: JobsOf<C>[N],
  options: { dedupeKey?: string; deliverAt?: Date } = {},
): OutboxEntry {
  return {
    queue: contract.name,
    jobName,
    payload: payload as unknown as Record<string, unknown>,
    dedupeKey: options.dedupeKey,
    deliverAt: options.deliverAt,
  };
}

/** Job id of the BullMQ job that carries outbox row `id` (no ':' allowed in BullMQ custom ids). */
export function outboxJobId(outboxId: string): string {
  return `o${outboxId}`;
}

/** The outbox row id carried by a job id, or undefined for jobs that did not come from the outbox. */
export function outboxIdOfJob(jobId: string | undefined): string | undefined {
  return jobId && /^o\d+$/.test(jobId) ? jobId.slice(1) : undefined;
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
};
