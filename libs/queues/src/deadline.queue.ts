import { DEFAULT_JOB_OPTIONS, defineQueue } from './queue-contract';

/**
 * Deadline timers. `timer-due.v1` is the fast path: an outbox row per armed timer, published by the relay as a
 * BullMQ delayed job due at the timer's instant. `sweep.v1` is the backstop: a repeatable job that fires every
 * pending timer already due in Postgres (so Redis loss can never lose one). Handlers re-check the shared clock and
 * the current deadline version: they never act early and act once.
 * WARNING: persistent identifiers, never rename.
 */
export interface DeadlineJobs {
  'timer-due.v1': { timerId: string };
  'sweep.v1': { reason?: string };
}

export const DEADLINE_QUEUE = defineQueue<DeadlineJobs>('deadline', DEFAULT_JOB_OPTIONS);

/** Outbox dedupe key of a timer's delayed job: written once per timer. */
export function timerDedupeKey(timerId: string): string {
  return `timer-${timerId}`;
}
