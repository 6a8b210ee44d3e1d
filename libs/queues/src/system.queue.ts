import { defineQueue } from './queue-contract';

/** WARNING: persistent identifiers, never rename. */
export interface SystemJobs {
  /** Readiness canary: proves a worker is really consuming (a Redis PING does not). */
  'canary.v1': { token: string };
}

export const SYSTEM_QUEUE = defineQueue<SystemJobs>('system', {
  attempts: 1,
  removeOnComplete: { age: 300 },
  removeOnFail: { age: 300 },
});
