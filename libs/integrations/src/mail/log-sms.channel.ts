import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ApplicantChannel, OutgoingApplicantMessage } from './applicant-channel';

/**
 * SMS sink that writes each message as a JSON line to a file: brandname SMS gateways differ per province, so a real
 * one is another {@link ApplicantChannel} behind the same interface.
 */
export class LogSmsChannel implements ApplicantChannel {
  readonly name = 'sms' as const;

  constructor(
    private readonly file: string,
    private readonly now: () => Date,
  ) {}

  async send(message: OutgoingApplicantMessage): Promise<{ messageId: string }> {
    await mkdir(dirname(this.file), { recursive: true });
    const line = { at: this.now().toISOString(), id: message.notificationId, to: message.to, text: message.text };
    await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
    return { messageId: `sms-${message.notificationId}` };
  }
}
