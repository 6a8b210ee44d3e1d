import { DEFAULT_JOB_OPTIONS, defineQueue } from './queue-contract';

/**
 * Calendar maintenance: recomputing open dossiers' appointments after a calendar edit (in batches, in the
 * background) and generating public holidays for the coming years.
 * WARNING: persistent identifiers, never rename.
 */
export interface CalendarJobs {
  /** Recompute the appointments a calendar edit affects (`calendar_recompute` row id); fed by the outbox. */
  'recompute.v1': { recomputeId: string };
  /** Generate the public holidays of the coming years that have no generated rows yet (boot and yearly). */
  'generate-years.v1': { reason: string };
}

export const CALENDAR_QUEUE = defineQueue<CalendarJobs>('calendar', DEFAULT_JOB_OPTIONS);
