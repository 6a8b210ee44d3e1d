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
 * A way to reach applicants (e-mail, SMS). `send` resolves once the channel accepted the message and throws when it
 * cannot be reached (the caller retries with backoff).
 */
export interface ApplicantChannel {
  readonly name: 'email' | 'sms';
  send(message: OutgoingApplicantMessage): Promise<{ messageId: string }>;
  close?(): void;
}

/** Nest token of the channels a process sends with. */
export const APPLICANT_CHANNELS = Symbol('APPLICANT_CHANNELS');
