import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { MAILBOX_REDELIVERIES_FILE, messageIdOf } from './mailbox';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * The embedded default mail server: a real SMTP server (npm `smtp-server`) on a loopback port, without
 * authentication or TLS, that stores each message it accepts as `<mailbox>/<id>.eml`. Read them with
 * `npm run mailbox` (or {@link listMailbox}). Production points MAIL_SMTP_URL at the province's relay instead.
 *
 * Like Gmail and other real mailboxes it honours the Message-ID as an idempotency key: a second message with a
 * Message-ID already stored is accepted (250, so the sender stops retrying) but not stored again; the redelivery is
 * appended to `<mailbox>/redeliveries.jsonl` ({@link listMailboxRedeliveries}). The sender resends with the same
 * Message-ID only when it cannot know whether an earlier attempt arrived (a crash between the SMTP accept and the
 * commit that records it), so the applicant sees one message (docs/DESIGN-NOTES.md, "Applicant notices").
 */
export class MailboxSmtpServer {
  private server: SMTPServer | undefined;
  private sequence = 0;
  /** One store at a time per Message-ID in this process (the on-disk marker orders processes). */
  private readonly storing = new Map<string, Promise<void>>();

  constructor(
    readonly mailboxDir: string,
    private readonly host = '127.0.0.1',
  ) {}

  /** Listens on `port` (0: any free port); resolves with the port. Can be started again after `stop`. */
  async start(port: number): Promise<number> {
    if (this.server) throw new Error('mailbox SMTP server already started');
    await mkdir(this.mailboxDir, { recursive: true });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      banner: 'motcua mailbox',
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
            return;
          }
          this.store(Buffer.concat(chunks)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
    return this.port!;
  }

  get port(): number | undefined {
    const address = (this.server as unknown as { server?: { address(): AddressInfo | null } })?.server?.address();
    return address ? address.port : undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stores a message once per Message-ID (a message without one is always stored). */
  private async store(raw: Buffer): Promise<void> {
    const messageId = messageIdOf(raw);
    if (!messageId) return this.write(this.newId(), raw);
    const previous = this.storing.get(messageId) ?? Promise.resolve();
    const current = previous.then(() => this.storeOnce(messageId, raw));
    const settled = current.catch(() => undefined);
    this.storing.set(messageId, settled);
    void settled.then(() => {
      if (this.storing.get(messageId) === settled) this.storing.delete(messageId);
    });
    return current;
  }

  /**
   * The marker `.message-ids/<sha256>` is created exclusively (`wx`) and names the stored copy. A marker whose copy is
   * missing (the server died between the two writes, before it answered 250) is completed by the redelivery.
   */
  private async storeOnce(messageId: string, raw: Buffer): Promise<void> {
    const markers = join(this.mailboxDir, '.message-ids');
    await mkdir(markers, { recursive: true });
    const marker = join(markers, createHash('sha256').update(messageId).digest('hex'));
    let id = this.newId();
    try {
      await writeFile(marker, id, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const first = (await readFile(marker, 'utf8')).trim();
      const stored = await stat(join(this.mailboxDir, `${first}.eml`)).then(
        () => true,
        () => false,
      );
      if (stored) {
        const line = JSON.stringify({ messageId, storedAs: first, at: new Date().toISOString() });
        await appendFile(join(this.mailboxDir, MAILBOX_REDELIVERIES_FILE), `${line}\n`);
        return;
      }
      id = first;
    }
    await this.write(id, raw);
  }

  private newId(): string {
    return `${Date.now().toString().padStart(15, '0')}-${String(++this.sequence).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
  }

  /** Written under a temporary name and renamed, so a reader never sees half a message. */
  private async write(id: string, raw: Buffer): Promise<void> {
    const temporary = join(this.mailboxDir, `.${id}.tmp`);
    await writeFile(temporary, raw);
    await rename(temporary, join(this.mailboxDir, `${id}.eml`));
  }
}
