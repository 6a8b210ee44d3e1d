import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * The embedded default mail server: a real SMTP server (npm `smtp-server`) on a loopback port, without
 * authentication or TLS, that stores each message it accepts as `<mailbox>/<id>.eml`. Read them with
 * `npm run mailbox` (or {@link listMailbox}). Production points MAIL_SMTP_URL at the province's relay instead.
 */
export class MailboxSmtpServer {
  private server: SMTPServer | undefined;
  private sequence = 0;

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

  /** Written under a temporary name and renamed, so a reader never sees half a message. */
  private async store(raw: Buffer): Promise<void> {
    const id = `${Date.now().toString().padStart(15, '0')}-${String(++this.sequence).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
    const temporary = join(this.mailboxDir, `.${id}.tmp`);
    await writeFile(temporary, raw);
    await rename(temporary, join(this.mailboxDir, `${id}.eml`));
  }
}
