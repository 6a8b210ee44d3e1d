import { DEFAULT_JOB_OPTIONS, defineQueue } from './queue-contract';

/** Who should hear about a deadline threshold (resolved to people by the senders). */
export type NotificationRecipientRole = 'officer' | 'agency_lead' | 'supervisor' | 'applicant' | 'desk';

export interface NotificationRecipient {
  role: NotificationRecipientRole;
  agencyId: string | null;
  userId?: string | null;
}

/**
 * Notifications (deadline warnings, overdue, apology letters). For now the consumer only records a
 * `notification` row; real senders (SMS, e-mail, portal) come with the result-return issue.
 * WARNING: persistent identifiers, never rename.
 */
export interface NotificationJobs {
  'notify.v1': {
    /** e.g. 'deadline.half-used', 'deadline.overdue', 'apology.issued'. */
    kind: string;
    dossierId: string | null;
    recipients: NotificationRecipient[];
    /** Business key of what caused it (timer id, apology id): the consumer records each (key, role) once. */
    sourceKey: string;
    details: Record<string, unknown>;
  };
  /** Send one applicant notice (an `applicant_notification` row) over its channel; retried with backoff. */
  'applicant-notification.send.v1': { notificationId: string };
  /** Send a dossier's unsent national-portal status messages, in order; retried with backoff. */
  'national-portal.send.v1': { dossierId: string };
}

export const NOTIFICATION_QUEUE = defineQueue<NotificationJobs>('notification', DEFAULT_JOB_OPTIONS);
