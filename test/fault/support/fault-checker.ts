import { listMailbox, listMailboxRedeliveries } from '@motcua/integrations';
import { verifyDossierEventChain } from '@motcua/persistence';
import type { DataSource } from 'typeorm';
import { pendingWorkOfEndedDossiers } from '../../support/integrity';

/** One broken promise found by the checker. */
export interface Violation {
  rule: 'lost' | 'doubled' | 'chain' | 'ended-with-open-work' | 'deadline' | 'stuck';
  dossierId?: string;
  detail: string;
}

export interface CheckResult {
  acknowledged: number;
  terminal: number;
  pendingWithWork: number;
  violations: Violation[];
  effects: {
    steps: number;
    payments: number;
    mails: number;
    /** Raw redeliveries the mailbox collapsed (same Message-ID), and the resends in doubt the senders recorded. */
    mailRedeliveries: number;
    mailResendsInDoubt: number;
    postalShipments: number;
    portalMessages: number;
    deadlineActions: number;
  };
}

const FINAL = ['returned', 'refused', 'withdrawn', 'stopped', 'rejected'];

/** Once-only dossier events: a second one is a doubled effect. */
const ONCE_PER_DOSSIER = ['dossier-received', 'payment-paid', 'result-ready', 'result-returned'];

/**
 * The invariants of issue 17, read from Postgres and the mailbox after the harness healed and drained:
 * - nothing lost: every dossier the API acknowledged with a 2xx exists and is terminal, or visibly pending with live
 *   work (an open human step, an unconsumed outbox row, a pending timer or a queued job);
 * - nothing done twice: one run per (dossier, step) and one completion per run (a connector step's effect), one paid
 *   settlement and one gateway transaction per fee request, one postal shipment per delivery step run and each of its scans applied once, one e-mail
 *   per notice, one portal message per status sequence, one deadline action per timer, each once-only event once;
 * - e-mail is at-least-once with an idempotency key (docs/DESIGN-NOTES.md, "Applicant notices"): the effect is the
 *   message stored in the mailbox, one per Message-ID (the notice id). Raw redeliveries of a Message-ID (collapsed by
 *   the mailbox) are reported apart, and are allowed only up to the resends the sender recorded as in doubt (an
 *   attempt that found an earlier one unfinished): a resend of a notice known to be sent is a doubled effect;
 * - every event hash chain verifies; no ended dossier keeps an open step or timer; no deadline action early.
 */
export async function checkInvariants(
  dataSource: DataSource,
  acknowledgedIds: string[],
  mailboxDir: string,
  options: { queuedDossierIds?: Set<string> } = {},
): Promise<CheckResult> {
  const violations: Violation[] = [];
  const q = <T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    dataSource.query(sql, params);

  // Nothing lost.
  const rows = await q<{ id: string; status: string; open_steps: number; outbox: number; timers: number }>(
    `SELECT d.id, d.status,
            (SELECT count(*)::int FROM step_task t WHERE t.dossier_id = d.id AND t.status IN ('open', 'claimed')) AS open_steps,
            (SELECT count(*)::int FROM outbox_message o WHERE o.consumed_at IS NULL AND o.payload::text LIKE '%' || d.id::text || '%') AS outbox,
            (SELECT count(*)::int FROM deadline_timer m WHERE m.dossier_id = d.id AND m.status = 'pending') AS timers
       FROM dossier d WHERE d.id = ANY($1::uuid[])`,
    [acknowledgedIds],
  );
  const found = new Map(rows.map((row) => [row.id, row]));
  let terminal = 0;
  let pendingWithWork = 0;
  for (const id of acknowledgedIds) {
    const row = found.get(id);
    if (!row) {
      violations.push({ rule: 'lost', dossierId: id, detail: 'acknowledged with a 2xx but not in Postgres' });
      continue;
    }
    if (FINAL.includes(row.status)) terminal++;
    else if (row.open_steps > 0 || row.outbox > 0 || row.timers > 0 || options.queuedDossierIds?.has(id))
      pendingWithWork++;
    else
      violations.push({
        rule: 'lost',
        dossierId: id,
        detail: `status ${row.status} with no open step, outbox row, timer or queued job: nothing will move it`,
      });
  }
  const deadLetters = await q<{ dossier_id: string; step_id: string }>(
    `SELECT dossier_id, step_id FROM step_task WHERE status = 'dead-letter' AND dossier_id = ANY($1::uuid[])`,
    [acknowledgedIds],
  );
  for (const row of deadLetters)
    violations.push({ rule: 'stuck', dossierId: row.dossier_id, detail: `step ${row.step_id} dead-lettered` });

  // Nothing done twice.
  const doubled = (dossierId: string | undefined, detail: string) =>
    violations.push({ rule: 'doubled', dossierId, detail });
  for (const row of await q(
    `SELECT dossier_id, step_id, count(*)::int AS n FROM step_task
      WHERE dossier_id = ANY($1::uuid[]) GROUP BY dossier_id, step_id, attempt, branch_key HAVING count(*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.n} runs of step ${row.step_id} (same attempt)`);
  for (const row of await q(
    `SELECT dossier_id, type, payload->>'stepTaskId' AS task, count(*)::int AS n FROM dossier_event
      WHERE dossier_id = ANY($1::uuid[]) AND type IN ('step-started', 'step-completed', 'step-cancelled')
      GROUP BY dossier_id, type, payload->>'stepTaskId' HAVING count(*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.n} '${row.type}' events for step run ${row.task}`);
  for (const row of await q(
    `SELECT dossier_id, type, count(*)::int AS n FROM dossier_event
      WHERE dossier_id = ANY($1::uuid[]) AND type = ANY($2::text[]) GROUP BY dossier_id, type HAVING count(*) > 1`,
    [acknowledgedIds, ONCE_PER_DOSSIER],
  ))
    doubled(row.dossier_id, `${row.n} '${row.type}' events`);
  for (const row of await q(
    `SELECT r.dossier_id, r.txn_ref, count(s.*)::int AS gateway FROM payment_request r
       LEFT JOIN vnpay_sandbox_transaction s ON s.txn_ref = r.txn_ref AND s.transaction_status = '00'
      WHERE r.dossier_id = ANY($1::uuid[]) GROUP BY r.dossier_id, r.txn_ref HAVING count(s.*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.gateway} paid gateway transactions for ${row.txn_ref}`);
  for (const row of await q(
    `SELECT dossier_id, count(*)::int AS n FROM payment_request WHERE status = 'paid' AND dossier_id = ANY($1::uuid[])
      GROUP BY dossier_id HAVING count(*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.n} paid fee requests`);
  for (const row of await q(
    `SELECT dossier_code, sequence, count(*)::int AS n FROM national_portal_sandbox_message
      GROUP BY dossier_code, sequence HAVING count(*) > 1`,
  ))
    doubled(undefined, `${row.n} national-portal messages for ${row.dossier_code} #${row.sequence}`);

  for (const row of await q(
    `SELECT t.dossier_id, t.step_id, count(*)::int AS n FROM postal_sandbox_shipment s
       JOIN step_task t ON s.client_reference = 'delivery-' || t.id::text
      WHERE t.dossier_id = ANY($1::uuid[]) GROUP BY t.dossier_id, t.step_id, t.attempt, t.branch_key HAVING count(*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.n} postal shipments for step ${row.step_id} (same attempt)`);
  for (const row of await q(
    `SELECT v.dossier_id, e.tracking_number, e.status, count(*)::int AS n FROM postal_tracking_event e
       JOIN delivery v ON v.carrier = e.carrier AND v.tracking_number = e.tracking_number
      WHERE e.applied AND v.dossier_id = ANY($1::uuid[]) GROUP BY v.dossier_id, e.tracking_number, e.status
     HAVING count(*) > 1`,
    [acknowledgedIds],
  ))
    doubled(row.dossier_id, `${row.tracking_number}: the '${row.status}' scan applied ${row.n} times`);

  // One e-mail per notice: the mailbox (what the SMTP server stored) against the notices sent. The notices are read
  // first: one marked sent after the mailbox listing would otherwise look lost.
  const notices = await q<{ id: string; dossier_id: string; kind: string; status: string; resends_in_doubt: number }>(
    `SELECT id, dossier_id, kind, status, resends_in_doubt FROM applicant_notification
      WHERE channel = 'email' AND dossier_id = ANY($1::uuid[])`,
    [acknowledgedIds],
  );
  const mails = await listMailbox(mailboxDir);
  const redeliveries = await listMailboxRedeliveries(mailboxDir);
  const noticeOf = (messageId: string | null) => /^<?([0-9a-f-]{36})@/i.exec(messageId ?? '')?.[1];
  const stored = countBy(mails.map((mail) => noticeOf(mail.messageId)));
  const redelivered = countBy(redeliveries.map((redelivery) => noticeOf(redelivery.messageId)));
  for (const notice of notices) {
    const count = stored.get(notice.id) ?? 0;
    if (count > 1) doubled(notice.dossier_id, `${count} e-mails for the '${notice.kind}' notice ${notice.id}`);
    if (notice.status === 'sent' && count === 0)
      violations.push({
        rule: 'lost',
        dossierId: notice.dossier_id,
        detail: `notice ${notice.id} marked sent, no e-mail`,
      });
    const again = redelivered.get(notice.id) ?? 0;
    if (again > notice.resends_in_doubt)
      doubled(
        notice.dossier_id,
        `the '${notice.kind}' notice ${notice.id} reached the mailbox ${again} more time(s), ${notice.resends_in_doubt} resend(s) in doubt recorded`,
      );
  }

  // Deadline actions: once per timer, never before the timer was due.
  const deadlineActions = await q<{ dossier_id: string; timer: string; n: number; early: boolean }>(
    `SELECT dossier_id, payload->>'timerId' AS timer, count(*)::int AS n,
            bool_or(occurred_at < (payload->>'dueAt')::timestamptz) AS early
       FROM dossier_event WHERE type IN ('deadline-warning', 'deadline-overdue') AND dossier_id = ANY($1::uuid[])
      GROUP BY dossier_id, payload->>'timerId'`,
    [acknowledgedIds],
  );
  for (const row of deadlineActions) {
    if (row.n > 1) doubled(row.dossier_id, `${row.n} deadline actions for timer ${row.timer}`);
    if (row.early)
      violations.push({ rule: 'deadline', dossierId: row.dossier_id, detail: `timer ${row.timer} fired early` });
  }

  // Hash chains; ended dossiers with open work.
  for (const id of found.keys()) {
    const verification = await verifyDossierEventChain(dataSource.manager, id);
    if (!verification.valid) violations.push({ rule: 'chain', dossierId: id, detail: JSON.stringify(verification) });
  }
  for (const row of await pendingWorkOfEndedDossiers(dataSource))
    violations.push({
      rule: 'ended-with-open-work',
      dossierId: row.dossier_id,
      detail: `${row.dossier_status}: ${row.what}`,
    });

  const [counts] = await q(
    `SELECT (SELECT count(*)::int FROM step_task WHERE dossier_id = ANY($1::uuid[]) AND status = 'completed') AS steps,
            (SELECT count(*)::int FROM payment_request WHERE dossier_id = ANY($1::uuid[]) AND status = 'paid') AS payments,
            (SELECT count(*)::int FROM national_portal_sandbox_message) AS portal,
            (SELECT count(*)::int FROM postal_sandbox_shipment) AS postal,
            (SELECT coalesce(sum(resends_in_doubt), 0)::int FROM applicant_notification
              WHERE dossier_id = ANY($1::uuid[])) AS in_doubt`,
    [acknowledgedIds],
  );
  return {
    acknowledged: acknowledgedIds.length,
    terminal,
    pendingWithWork,
    violations,
    effects: {
      steps: counts.steps,
      payments: counts.payments,
      mails: mails.length,
      mailRedeliveries: redeliveries.length,
      mailResendsInDoubt: counts.in_doubt,
      postalShipments: counts.postal,
      portalMessages: counts.portal,
      deadlineActions: deadlineActions.length,
    },
  };
}

function countBy(keys: Array<string | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
