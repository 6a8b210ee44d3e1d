import type { JobsOptions } from 'bullmq';
import { AGENCY_JOB_OPTIONS, AGENCY_QUEUE_PREFIX } from './agency.queue';
import { DEADLINE_QUEUE } from './deadline.queue';
import { DELIVERY_QUEUE } from './delivery.queue';
import { NOTIFICATION_QUEUE } from './notification.queue';
import { PAYMENT_QUEUE } from './payment.queue';
import { DEFAULT_JOB_OPTIONS } from './queue-contract';
import { SYSTEM_QUEUE } from './system.queue';
import { WORKFLOW_QUEUE } from './workflow.queue';

const STATIC_QUEUES = [SYSTEM_QUEUE, WORKFLOW_QUEUE, DEADLINE_QUEUE, NOTIFICATION_QUEUE, PAYMENT_QUEUE, DELIVERY_QUEUE];

/** The job options of a queue's contract, by queue name (the relay publishes outbox rows with them). */
export function jobOptionsForQueue(queueName: string): JobsOptions {
  if (queueName.startsWith(AGENCY_QUEUE_PREFIX)) return AGENCY_JOB_OPTIONS as JobsOptions;
  return STATIC_QUEUES.find((contract) => contract.name === queueName)?.defaultJobOptions ?? DEFAULT_JOB_OPTIONS;
}
