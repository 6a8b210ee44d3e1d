import { ReconcilePaymentsUseCase } from '../../apps/payment/src/reconcile-payments.use-case';
import { SendRefundUseCase } from '../../apps/payment/src/send-refund.use-case';
import {
  callIpn,
  dossierAwaitingPayment,
  PaymentWorld,
  signedIpn,
  startOnlinePayment,
  startPaymentWorld,
  submitSandboxPage,
} from './support/payment-fixture';

/**
 * Issue 11 acceptance 4 (an IPN that never arrives is settled by the job; an expired request cannot be paid) and
 * 5 (refund after refusal, recorded once even if the job runs twice). The sandbox's IPN URL points at a closed port:
 * every online payment here loses its IPN.
 */
describe('payment reconciliation and refunds (issue 11)', () => {
  let world: PaymentWorld;
  const reconcile = () => world.services.payment.get(ReconcilePaymentsUseCase).run();
  const requests = (dossierId: string) =>
    world.services.dataSource.query(
      `SELECT id, txn_ref, status, channel, settled_by, late_payment FROM payment_request WHERE dossier_id = $1 ORDER BY issue_number`,
      [dossierId],
    );

  beforeAll(async () => {
    world = await startPaymentWorld({ VNPAY_SANDBOX_IPN_URL: 'http://127.0.0.1:9/ipn', PAYMENT_QUERY_AFTER_MS: '0' });
  });

  afterAll(async () => {
    await world?.services.close();
  });

  let paidDossier: { id: string; code: string };

  it('settles a payment whose IPN never arrived by QueryDR, once', async () => {
    const dossier = await dossierAwaitingPayment(world);
    paidDossier = dossier;
    const paid = await submitSandboxPage(await startOnlinePayment(world, dossier), 'pay');
    expect(paid.status).toBe(303);
    await world.services.waitUntilIdle();
    expect((await requests(dossier.id))[0].status).toBe('pending');
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');

    const [first, second] = await Promise.all([reconcile(), reconcile()]);
    expect(first.settled + second.settled).toBe(1);
    await world.services.waitUntilIdle();
    expect((await requests(dossier.id))[0]).toMatchObject({ status: 'paid', channel: 'online', settled_by: 'querydr' });
    expect(await world.api.dossierStatus(dossier.id)).toBe('processing');
    const events = await world.api.eventTypes(dossier.id);
    expect(events.filter((type) => type === 'payment-paid')).toHaveLength(1);
    // The IPN arriving late after all is a duplicate.
    const ipn = signedIpn(world.secret, {
      txnRef: (await requests(dossier.id))[0].txn_ref,
      amountVnd: 100000,
      tmnCode: world.services.config.VNPAY_TMN_CODE,
    });
    expect((await callIpn(world.base, ipn)).body).toMatchObject({ RspCode: '02' });
  });

  it('expires an unpaid request; an expired request cannot be paid (page, lookup, desk) until re-issued', async () => {
    const dossier = await dossierAwaitingPayment(world);
    const paymentUrl = await startOnlinePayment(world, dossier);
    await world.api.advance(world.admin, { days: 3 });
    await world.services.waitUntilIdle();
    await reconcile();
    const [expired] = await requests(dossier.id);
    expect(expired.status).toBe('expired');
    expect(await world.api.eventTypes(dossier.id)).toContain('payment-expired');

    const page = await submitSandboxPage(paymentUrl, 'pay');
    expect(page.status).toBe(400);
    expect(page.page).toContain('hết hạn');
    const lookup = await fetch(`${world.base}/public/dossiers/${dossier.code}/payments/vnpay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: dossier.lookupSecret }),
    });
    expect(lookup.status).toBe(409);
    const header = await world.api.auth(world.desk);
    const desk = await world.api
      .http()
      .post(`/dossiers/${dossier.id}/payments/desk`)
      .set(header)
      .send({ method: 'cash', receiptNumber: 'R-EXP-1', amount: 100000 });
    expect(desk.status).toBe(409);
    expect(desk.body.message).toMatch(/re-issue/);
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');

    const reissued = await world.api.http().post(`/dossiers/${dossier.id}/payments/reissue`).set(header).expect(201);
    expect(reissued.body).toMatchObject({ status: 'pending', issueNumber: 2, amount: 100000 });
    expect(reissued.body.txnRef).not.toBe(expired.txn_ref);
    await world.api
      .http()
      .post(`/dossiers/${dossier.id}/payments/desk`)
      .set(header)
      .send({ method: 'cash', receiptNumber: 'R-EXP-1', amount: 100000 })
      .expect(201);
    await world.services.waitUntilIdle();
    expect(await world.api.dossierStatus(dossier.id)).toBe('processing');
  });

  it('creates one refund after a refusal even when the job runs twice; the confirmed refund is sent to the gateway once', async () => {
    await world.api.completeOpen(world.landOfficer, paidDossier.id, 'land-registry', 'refuse');
    expect(await world.api.dossierStatus(paidDossier.id)).toBe('refused');
    const runs = await Promise.all([reconcile(), reconcile()]);
    await reconcile();
    expect(runs[0].refundsRequested + runs[1].refundsRequested).toBe(1);
    const refunds = await world.services.dataSource.query(
      `SELECT f.id, f.status, f.reason, f.amount FROM payment_refund f JOIN payment_request r ON r.id = f.payment_request_id WHERE r.dossier_id = $1`,
      [paidDossier.id],
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: 'requested', reason: 'dossier-refused', amount: '100000' });

    const header = await world.api.auth(world.desk);
    const confirm = () => world.api.http().post(`/payments/refunds/${refunds[0].id}/confirm`).set(header);
    expect((await confirm()).status).toBe(200);
    expect((await confirm()).status).toBe(409);
    await world.services.waitUntilIdle();
    // The send job again (a replay) finds the refund done.
    expect(await world.services.payment.get(SendRefundUseCase).send(refunds[0].id)).toBe('not-confirmed');
    const [refund] = await world.services.dataSource.query(`SELECT status FROM payment_refund WHERE id = $1`, [
      refunds[0].id,
    ]);
    expect(refund.status).toBe('refunded');
    const gatewayRefunds = await world.services.dataSource.query(`SELECT amount FROM vnpay_sandbox_refund`);
    expect(gatewayRefunds).toEqual([{ amount: '10000000' }]);
    const events = await world.api.eventTypes(paidDossier.id);
    expect(events.filter((type) => type === 'payment-refund-requested')).toHaveLength(1);
    expect(events.filter((type) => type === 'payment-refunded')).toHaveLength(1);
    const listed = await world.api.http().get(`/dossiers/${paidDossier.id}/payments`).set(header).expect(200);
    expect(listed.body.refunds).toEqual([expect.objectContaining({ status: 'refunded', amount: 100000 })]);
  });

  it('reports expected vs settled per agency for the day', async () => {
    const supervisor = world.catalog.actor('000.00.00.H62', 'supervisor');
    const report = await world.api
      .http()
      .get('/payments/reconciliation-report')
      .query({ date: '2027-12-06' })
      .set(await world.api.auth(supervisor))
      .expect(200);
    const desk = report.body.agencies.find((row: { agencyId: string }) => row.agencyId === world.desk.agencyId);
    expect(desk).toMatchObject({ requestedCount: 2, requestedAmount: 200000, settledByQueryCount: 1 });
    await world.api
      .http()
      .get('/payments/reconciliation-report')
      .query({ date: '2027-13-01' })
      .set(await world.api.auth(supervisor))
      .expect(400);
  });
});
