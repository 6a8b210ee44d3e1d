import { listMailbox, MailboxMessage } from '@motcua/integrations';
import { listDossierApplicantNotifications, recordApplicantOptOut } from '@motcua/persistence';
import { SubscriberRunnerService, writeOutbox } from '@motcua/platform';
import { NOTIFICATION_QUEUE, outboxJob } from '@motcua/queues';
import { simpleParser } from 'mailparser';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { acceptDossier } from './support/citizen-fixture';

/**
 * Issue 14, acceptance 1: applicant notices over a real SMTP server (the embedded mailbox server the harness starts,
 * as `npm run up` does), parsed back with mailparser. Each notice arrives once even when its event is processed twice
 * (subscriber cursor rewound, job published again); with the SMTP server stopped the send is retried with backoff and
 * the message arrives after it restarts; an opted-out address gets nothing.
 */
describe('applicant notifications by e-mail (issue 14, acceptance 1)', () => {
  let services: TestServices;
  let workflow: WorkflowHttp;
  let desk: Actor;
  let admin: Actor;
  let procedureId: string;

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
    workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.setClock(admin, '2026-11-23T01:00:00Z'); // Monday 08:00 in Hà Nội
    await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  });

  afterAll(async () => {
    await services?.close();
  });

  const mailsOf = async (code: string): Promise<MailboxMessage[]> =>
    (await listMailbox(services.config.MAILBOX_DIR)).filter((message) => message.headers['x-motcua-dossier'] === code);

  it('sends the Vietnamese receipt notice once, with correct headers, even when its event is processed twice', async () => {
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Nguyễn Thị Ánh',
      identityNumber: '001190000141',
      email: 'Anh.Nguyen@example.vn',
      phone: '0987654321',
    });
    const [mail] = await waitFor('the receipt notice in the mailbox', async () => {
      const found = await mailsOf(dossier.code);
      return found.length > 0 ? found : undefined;
    });

    // Headers and the decoded Vietnamese body, as a mail client sees them (raw file parsed by mailparser).
    const raw = await readFile(join(services.config.MAILBOX_DIR, `${mail.id}.eml`));
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(`[${dossier.code}] Đã tiếp nhận hồ sơ`);
    expect(parsed.from?.value[0]).toMatchObject({ address: 'motcua@localhost', name: 'Bộ phận Một cửa' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null).toBe('anh.nguyen@example.vn');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'utf-8' } });
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const [notice] = (await listDossierApplicantNotifications(services.dataSource.manager, dossier.id)).filter(
      (row) => row.channel === 'email',
    );
    expect(parsed.messageId).toBe(`<${notice.id}@motcua.local>`);
    expect(parsed.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Ánh,');
    expect(parsed.text).toContain(`Hồ sơ số ${dossier.code} — thủ tục "`);
    expect(parsed.text).toMatch(/Ngày hẹn trả kết quả: \d{2}:\d{2} ngày \d{2}\/\d{2}\/2026\./);
    expect(parsed.text).toContain(`/app/tra-cuu?code=${encodeURIComponent(dossier.code)}`);

    // The SMS sink got the short text once.
    const smsLines = (await readFile(join(services.config.MAILBOX_DIR, 'sms.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.text.startsWith(dossier.code));
    expect(smsLines).toHaveLength(1);
    expect(smsLines[0]).toMatchObject({ to: '0987654321' });

    // The event processed a second time: the subscriber's cursor rewound to the beginning and drained again.
    await services.dataSource.query(
      `UPDATE event_subscriber SET position_tx = '0'::xid8, position_id = 0 WHERE name = 'applicant-notifications'`,
    );
    await services.delivery.get(SubscriberRunnerService).runner.drain();
    // ... and the send job published again (a relay that lost track of its publication).
    await services.dataSource.transaction((manager) =>
      writeOutbox(manager, [
        outboxJob(NOTIFICATION_QUEUE, 'applicant-notification.send.v1', { notificationId: notice.id }),
      ]),
    );
    await services.waitUntilIdle();
    expect(await mailsOf(dossier.code)).toHaveLength(1);
    const rows = await listDossierApplicantNotifications(services.dataSource.manager, dossier.id);
    expect(rows.map((row) => [row.kind, row.channel, row.status])).toEqual([
      ['received', 'email', 'sent'],
      ['received', 'sms', 'sent'],
    ]);
  });

  it('retries with backoff while the SMTP server is down and delivers once after it restarts', async () => {
    const port = services.mailbox.port!;
    await services.mailbox.stop();
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Trần Văn Bình',
      identityNumber: '001090000142',
      email: 'binh.tran@example.vn',
    });
    const failing = await waitFor('two failed send attempts', async () => {
      const [row]: Array<{ attempts: number; last_error: string | null; status: string }> =
        await services.dataSource.query(
          `SELECT attempts, last_error, status FROM applicant_notification WHERE dossier_id = $1 AND channel = 'email'`,
          [dossier.id],
        );
      return row && row.attempts >= 2 ? row : undefined;
    });
    expect(failing.status).toBe('pending');
    expect(failing.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await mailsOf(dossier.code)).toHaveLength(0);

    await services.mailbox.start(port);
    const arrived = await waitFor(
      'the notice after the SMTP server restarts',
      async () => {
        const found = await mailsOf(dossier.code);
        return found.length > 0 ? found : undefined;
      },
      60_000,
    );
    expect(arrived).toHaveLength(1);
    expect(arrived[0].subject).toBe(`[${dossier.code}] Đã tiếp nhận hồ sơ`);
    await services.waitUntilIdle();
    expect(await mailsOf(dossier.code)).toHaveLength(1);
    const [row] = await services.dataSource.query(
      `SELECT status, attempts FROM applicant_notification WHERE dossier_id = $1 AND channel = 'email'`,
      [dossier.id],
    );
    expect(row.status).toBe('sent');
    expect(row.attempts).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it("respects an applicant's opt-out: the notice is recorded as opted out and never sent", async () => {
    await recordApplicantOptOut(services.dataSource.manager, {
      channel: 'email',
      address: 'khong.nhan@example.vn',
      dossierId: null,
      at: new Date(),
    });
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Lê Thị Cúc',
      identityNumber: '001190000143',
      email: 'khong.nhan@example.vn',
    });
    await waitFor('the notices to be recorded', async () => {
      const rows = await listDossierApplicantNotifications(services.dataSource.manager, dossier.id);
      return rows.length === 2 ? rows : undefined;
    });
    await services.waitUntilIdle();
    const rows = await listDossierApplicantNotifications(services.dataSource.manager, dossier.id);
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ['email', 'opted-out'],
      ['sms', 'sent'],
    ]);
    expect(await mailsOf(dossier.code)).toHaveLength(0);
  });
});
