import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { NotDeliveredError } from './applicant-channel';
import { listMailbox, listMailboxRedeliveries } from './mailbox';
import { MailboxSmtpServer } from './mailbox-smtp.server';
import { SmtpMailChannel } from './smtp-mail.channel';

/** Issue 17: the mailbox honours the Message-ID as an idempotency key, as real mailboxes do. */
describe('MailboxSmtpServer', () => {
  let dir: string;
  let server: MailboxSmtpServer;
  let channel: SmtpMailChannel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-mailbox-'));
    server = new MailboxSmtpServer(dir);
    const port = await server.start(0);
    channel = new SmtpMailChannel({ url: `smtp://127.0.0.1:${port}`, from: 'motcua@example.gov.vn' });
  });

  afterEach(async () => {
    channel.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const notice = (notificationId: string) => ({
    notificationId,
    dossierCode: 'H62.21-251123-0001',
    to: 'lan@example.vn',
    subject: 'Tiếp nhận hồ sơ',
    text: 'Hồ sơ của bà đã được tiếp nhận.',
  });

  it('stores a redelivered Message-ID once and logs each redelivery, including concurrent ones', async () => {
    const id = '7f0c3a52-9d1e-4b8a-a1f2-0c6b3f1d2e4a';
    await channel.send(notice(id));
    await Promise.all([channel.send(notice(id)), channel.send(notice(id))]);
    await channel.send(notice('0b9e6d1c-2f3a-4c5b-8d7e-9f0a1b2c3d4e'));
    const stored = await listMailbox(dir);
    expect(stored.map((mail) => mail.messageId).sort()).toEqual([
      '<0b9e6d1c-2f3a-4c5b-8d7e-9f0a1b2c3d4e@motcua.local>',
      `<${id}@motcua.local>`,
    ]);
    const redeliveries = await listMailboxRedeliveries(dir);
    expect(redeliveries.map((redelivery) => redelivery.messageId)).toEqual([
      `<${id}@motcua.local>`,
      `<${id}@motcua.local>`,
    ]);
    expect(new Set(redeliveries.map((redelivery) => redelivery.storedAs))).toEqual(
      new Set([stored.find((mail) => mail.messageId === `<${id}@motcua.local>`)!.id]),
    );
  });

  it('stores every message that carries no Message-ID', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
    const raw = 'From: a@example.vn\r\nTo: b@example.vn\r\nSubject: x\r\n\r\nbody\r\n';
    for (let i = 0; i < 2; i++)
      await transport.sendMail({ envelope: { from: 'a@example.vn', to: ['b@example.vn'] }, raw });
    transport.close();
    expect(await listMailbox(dir)).toHaveLength(2);
    expect(await listMailboxRedeliveries(dir)).toEqual([]);
  });

  it('tells a refused connection (surely not delivered) from an outcome in doubt', async () => {
    await server.stop();
    await expect(channel.send(notice('5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'))).rejects.toBeInstanceOf(
      NotDeliveredError,
    );
  });
});
