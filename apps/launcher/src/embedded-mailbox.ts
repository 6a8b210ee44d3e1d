import type { MotcuaConfig } from '@motcua/config';
import { MailboxSmtpServer } from '@motcua/integrations';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The embedded default mail server (issue 14): a real SMTP server on MAIL_SMTP_URL's loopback port that stores every
 * applicant e-mail under MAILBOX_DIR (`npm run mailbox` lists and reads them). Started by the launcher when
 * MAIL_EMBEDDED_SMTP_ENABLED (default outside production) and MAIL_SMTP_URL points at this machine.
 */
export async function startEmbeddedMailbox(config: MotcuaConfig): Promise<MailboxSmtpServer | undefined> {
  if (!config.MAIL_EMBEDDED_SMTP_ENABLED) return undefined;
  const url = new URL(config.MAIL_SMTP_URL);
  if (url.protocol !== 'smtp:' || !LOOPBACK.has(url.hostname)) return undefined;
  const server = new MailboxSmtpServer(config.MAILBOX_DIR, '127.0.0.1');
  await server.start(Number(url.port || 25));
  console.log(`motcua launcher: mailbox SMTP server on 127.0.0.1:${server.port}, messages in ${config.MAILBOX_DIR}`);
  return server;
}
