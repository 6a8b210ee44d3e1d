import { APPLICANT_CHANNELS, ApplicantChannel, listMailbox, listMailboxRedeliveries } from '@motcua/integrations';
import { writeOutbox } from '@motcua/platform';
import { NOTIFICATION_QUEUE, outboxJob } from '@motcua/queues';
import { Client } from 'pg';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { acceptDossier } from '../citizens/support/citizen-fixture';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { checkInvariants } from './support/fault-checker';

interface World {
  services: TestServices;
  desk: Actor;
  procedureId: string;
}

async function startWorld(): Promise<World> {
  const services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
  const workflow = new WorkflowHttp(services);
  const catalog = await seedCatalog(services.dataSource);
  const admin = catalog.actor('000.00.00.H62', 'admin');
  const procedureId = catalog.procedures.get('1.001193')!.id;
  await workflow.setClock(admin, '2026-11-23T01:00:00Z'); // Monday 08:00 in Hà Nội
  await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  return { services, desk: catalog.actor('000.21.12.H62', 'desk_officer'), procedureId };
}

/** Intake with an e-mail address; resolves once the receipt notice is in the mailbox. */
async function dossierWithMail(world: World, identityNumber: string): Promise<{ id: string; noticeId: string }> {
  const dossier = await acceptDossier(world.services, world.desk, world.procedureId, ['TK', 'GCS'], {
    name: 'Lê Thị Kiểm',
    identityNumber,
    email: `kiem.${identityNumber}@example.vn`,
  });
  const [notice] = await waitFor('the receipt notice sent', async () => {
    // A connection cut by the regression test below fails one poll; the next one reconnects.
    const rows: Array<{ id: string }> = await world.services.dataSource
      .query(`SELECT id FROM applicant_notification WHERE dossier_id = $1 AND channel = 'email' AND status = 'sent'`, [
        dossier.id,
      ])
      .catch(() => []);
    return rows.length > 0 ? rows : undefined;
  });
  return { id: dossier.id, noticeId: notice.id };
}

/** The send job published a second time (a relay that lost track of its publication, a Redis restored from AOF). */
async function replaySend(world: World, noticeId: string): Promise<void> {
  await world.services.dataSource.transaction((manager) =>
    writeOutbox(manager, [
      outboxJob(NOTIFICATION_QUEUE, 'applicant-notification.send.v1', { notificationId: noticeId }),
    ]),
  );
  await world.services.waitUntilIdle();
}

/**
 * Issue 17: the checker itself, against consumers that keep and break their promise. One world for the four cases
 * (a boot of the four services is most of this file's time on a busy machine): the broken consumer is the same
 * delivery service with its idempotency guard switched off for one case (FAULT_SKIP_IDEMPOTENCY_GUARD, read on each
 * send, refused in production), and the case that cuts every database connection runs last.
 */
describe('fault checker (issue 17)', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.services.close();
  });

  /** Wraps the e-mail channel's send for one case (restored after it). */
  async function withEmailSend(
    wrap: (send: ApplicantChannel['send']) => ApplicantChannel['send'],
    run: () => Promise<void>,
  ): Promise<void> {
    const channels = world.services.delivery.get<ApplicantChannel[]>(APPLICANT_CHANNELS);
    const email = channels.find((channel) => channel.name === 'email')!;
    const original = email.send;
    email.send = wrap(original.bind(email));
    try {
      await run();
    } finally {
      email.send = original;
    }
  }

  it('acceptance 2: finds no violation when the consumer keeps its idempotency guard and its send is replayed', async () => {
    const dossier = await dossierWithMail(world, '001190000170');
    await replaySend(world, dossier.noticeId);
    const check = await checkInvariants(world.services.dataSource, [dossier.id], world.services.config.MAILBOX_DIR);
    expect(check.violations).toEqual([]);
    expect(check.pendingWithWork).toBe(1); // the open desk step: visibly pending, not lost
  });

  it('acceptance 2: finds the doubled e-mail of a consumer that skips its idempotency guard', async () => {
    const dossier = await dossierWithMail(world, '001190000171');
    world.services.config.FAULT_SKIP_IDEMPOTENCY_GUARD = 'applicant-notification';
    try {
      await replaySend(world, dossier.noticeId);
    } finally {
      world.services.config.FAULT_SKIP_IDEMPOTENCY_GUARD = '';
    }
    const check = await checkInvariants(world.services.dataSource, [dossier.id], world.services.config.MAILBOX_DIR);
    // The mailbox collapses the same Message-ID (one message for the applicant), but the resend of a notice known
    // to be sent is a broken promise all the same: a redelivery with no attempt in doubt behind it. The quick and
    // full modes fail on any violation (`expect(result.check.violations).toEqual([])`).
    expect(check.violations).toEqual([
      {
        rule: 'doubled',
        dossierId: dossier.id,
        detail: `the 'received' notice ${dossier.noticeId} reached the mailbox 1 more time(s), 0 resend(s) in doubt recorded`,
      },
    ]);
    expect(await redeliveriesOf(dossier.noticeId)).toBe(1);
  });

  it('a send whose outcome was lost after the SMTP accept is resent once with its Message-ID: one e-mail, the redelivery recorded', async () => {
    // The mail server stores the message, then the sender learns nothing (its connection cut after the message
    // data, or the process killed before the commit): the attempt stays in doubt and its retry resends.
    let lost = 0;
    await withEmailSend(
      (send) => async (message) => {
        const sent = await send(message);
        if (lost++ === 0) throw new Error('connection closed after the message data (simulated)');
        return sent;
      },
      async () => {
        const dossier = await dossierWithMail(world, '001190000173');
        await world.services.waitUntilIdle();
        expect(await mailsOf(dossier.noticeId)).toBe(1);
        expect(await redeliveriesOf(dossier.noticeId)).toBe(1);
        const [notice] = await world.services.dataSource.query(
          `SELECT status, resends_in_doubt, sending_since FROM applicant_notification WHERE id = $1`,
          [dossier.noticeId],
        );
        expect(notice).toEqual({ status: 'sent', resends_in_doubt: 1, sending_since: null });
        const check = await checkInvariants(world.services.dataSource, [dossier.id], world.services.config.MAILBOX_DIR);
        expect(check.violations).toEqual([]);
        expect(check.effects.mailResendsInDoubt).toBe(1);
      },
    );
  });

  it('regression: Postgres cutting every connection right after the SMTP send does not send the e-mail twice', async () => {
    // Every connection of this database is terminated once, just after the SMTP server accepted a message: the
    // send is done, recording it is not (what a Postgres crash-restart during the fault run did).
    let cut = false;
    await withEmailSend(
      (send) => async (message) => {
        const sent = await send(message);
        if (!cut) {
          cut = true;
          const admin = new Client({ connectionString: world.services.database.url });
          await admin.connect();
          await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          );
          await admin.end();
        }
        return sent;
      },
      async () => {
        const dossier = await dossierWithMail(world, '001190000172');
        await world.services.waitUntilIdle();
        expect(cut).toBe(true);
        expect(await mailsOf(dossier.noticeId)).toBe(1);
      },
    );
  });

  const mailsOf = async (noticeId: string) =>
    (await listMailbox(world.services.config.MAILBOX_DIR)).filter((mail) => mail.messageId?.includes(noticeId)).length;
  const redeliveriesOf = async (noticeId: string) =>
    (await listMailboxRedeliveries(world.services.config.MAILBOX_DIR)).filter((redelivery) =>
      redelivery.messageId.includes(noticeId),
    ).length;
});
