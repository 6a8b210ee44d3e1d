/** One notice to one applicant address, already rendered (Vietnamese). */
export interface OutgoingApplicantMessage {
  /** The notification row id: the stable Message-ID (a resend after a crash carries the same id). */
  notificationId: string;
  dossierCode: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Thrown by a channel that knows its message did not arrive: no connection was made, or the server answered with a
 * refusal. Any other error leaves the outcome in doubt (the message may have been accepted, its answer lost), and the
 * sender counts the next attempt as a possible redelivery.
 */
export class NotDeliveredError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotDeliveredError';
  }
}

/**
 * A way to reach applicants (e-mail, SMS). `send` resolves once the channel accepted the message and throws when it
 * cannot be reached (the caller retries with backoff): {@link NotDeliveredError} when the message surely did not arrive.
 */
export interface ApplicantChannel {
  readonly name: 'email' | 'sms';
  send(message: OutgoingApplicantMessage): Promise<{ messageId: string }>;
  close?(): void;
}

/** Nest token of the channels a process sends with. */
export const APPLICANT_CHANNELS = Symbol('APPLICANT_CHANNELS');
