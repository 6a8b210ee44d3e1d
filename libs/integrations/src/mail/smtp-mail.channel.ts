import { createTransport, Transporter } from 'nodemailer';
import { ApplicantChannel, NotDeliveredError, OutgoingApplicantMessage } from './applicant-channel';

export interface SmtpMailOptions {
  /** nodemailer transport URL: `smtp://host:port` (the embedded mailbox server) or the province's relay. */
  url: string;
  /** The From header, e.g. `"Bộ phận Một cửa" <motcua@example.gov.vn>`. */
  from: string;
  /** Domain part of the Message-IDs. */
  messageIdDomain?: string;
  timeoutMs?: number;
}

/** E-mail over real SMTP (nodemailer). One connection per message: notices are few and a relay may drop idle ones. */
export class SmtpMailChannel implements ApplicantChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    const url = new URL(options.url);
    url.searchParams.set('connectionTimeout', String(timeout));
    url.searchParams.set('greetingTimeout', String(timeout));
    url.searchParams.set('socketTimeout', String(timeout));
    this.transport = createTransport(url.toString());
  }

  async send(message: OutgoingApplicantMessage): Promise<{ messageId: string }> {
    const messageId = `<${message.notificationId}@${this.options.messageIdDomain ?? 'motcua.local'}>`;
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId,
        headers: { 'X-Motcua-Dossier': message.dossierCode, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      // A reply code means the server refused (nothing stored); 'CONN' means no session was opened. Anything else
      // (a socket cut or a timeout after the message data) may have been accepted: the error stays as it is.
      const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
      if (typeof responseCode === 'number' || command === 'CONN')
        throw new NotDeliveredError(error instanceof Error ? error.message : String(error), { cause: error });
      throw error;
    }
    return { messageId };
  }

  close(): void {
    this.transport.close();
  }
}
