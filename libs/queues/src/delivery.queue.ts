import { DEFAULT_JOB_OPTIONS, defineQueue } from './queue-contract';

/**
 * The delivery app's queue: result return (desk / online / post), national-portal sync (issue: delivery).
 * Notifications have their own queue (`notification.queue.ts`), also consumed by the delivery app.
 * WARNING: persistent identifiers, never rename.
 */
export interface DeliveryJobs {
  /** Liveness canary: proves a delivery worker is consuming (used by readiness checks and the boot test). */
  'canary.v1': { token: string };
  /** Repeatable: removes stored files no document or result record names (a crash between file write and commit). */
  'sweep-orphans.v1': { reason?: string };
}

export const DELIVERY_QUEUE = defineQueue<DeliveryJobs>('delivery', DEFAULT_JOB_OPTIONS);
