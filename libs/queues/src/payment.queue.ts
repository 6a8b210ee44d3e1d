import { DEFAULT_JOB_OPTIONS, defineQueue } from './queue-contract';

/**
 * The payment app's queue: fee requests, gateway callbacks processing, expiry, reconciliation (issue: payment).
 * WARNING: persistent identifiers, never rename.
 */
export interface PaymentJobs {
  /** Liveness canary: proves a payment worker is consuming (used by readiness checks and the boot test). */
  'canary.v1': { token: string };
}

export const PAYMENT_QUEUE = defineQueue<PaymentJobs>('payment', DEFAULT_JOB_OPTIONS);
