import { Logger } from '@nestjs/common';
import {
  callIpn,
  concurrentIpns,
  dossierAwaitingPayment,
  PaymentWorld,
  signedIpn,
  startPaymentWorld,
} from './support/payment-fixture';

/** Issue 11 acceptance 3 (and the late-payment refund policy): forged, replayed and duplicated IPNs. */
describe('VNPay IPN abuse (issue 11)', () => {
  let world: PaymentWorld;
  let warnings: string[];

  beforeAll(async () => {
    world = await startPaymentWorld({ PAYMENT_LATE_POLICY: 'refund' });
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown) {
      warnings.push(String(message));
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await world?.services.close();
  });

  const tmnCode = () => world.services.config.VNPAY_TMN_CODE;

  it('answers 97 / 01 / 04 in that order, logs each refusal without the secret, and never 500s', async () => {
    const dossier = await dossierAwaitingPayment(world);
    const valid = signedIpn(world.secret, { txnRef: dossier.request.txn_ref, amountVnd: 100000, tmnCode: tmnCode() });

    const tampered = await callIpn(world.base, {
      ...valid,
      vnp_SecureHash: valid.vnp_SecureHash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
    });
    expect(tampered).toEqual({ status: 200, body: { RspCode: '97', Message: 'Invalid signature' } });
    // A wrong amount with a forged signature is still a signature problem first (97 before 04).
    expect((await callIpn(world.base, { ...valid, vnp_Amount: '10000100' })).body).toEqual({
      RspCode: '97',
      Message: 'Invalid signature',
    });
    expect((await callIpn(world.base, {})).body).toMatchObject({ RspCode: '97' });
    const repeated = await fetch(`${world.base}/payments/vnpay/ipn?vnp_TxnRef=a&vnp_TxnRef=b&vnp_SecureHash[x]=1`);
    expect(await repeated.json()).toMatchObject({ RspCode: '97' });

    const unknown = signedIpn(world.secret, { txnRef: 'MCDOESNOTEXIST', amountVnd: 100000, tmnCode: tmnCode() });
    expect((await callIpn(world.base, unknown)).body).toEqual({ RspCode: '01', Message: 'Order not found' });
    const otherMerchant = signedIpn(world.secret, {
      txnRef: dossier.request.txn_ref,
      amountVnd: 100000,
      tmnCode: 'OTHER01',
    });
    expect((await callIpn(world.base, otherMerchant)).body).toMatchObject({ RspCode: '01' });

    const offByOne = signedIpn(world.secret, {
      txnRef: dossier.request.txn_ref,
      amountVnd: 100001,
      tmnCode: tmnCode(),
    });
    expect((await callIpn(world.base, offByOne)).body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    const offByOneCent = { ...valid, vnp_Amount: '10000001' };
    const resigned = signedIpn(world.secret, {
      txnRef: dossier.request.txn_ref,
      amountVnd: 100000,
      tmnCode: tmnCode(),
    });
    expect(resigned.vnp_SecureHash).toBe(valid.vnp_SecureHash);
    expect((await callIpn(world.base, offByOneCent)).body).toMatchObject({ RspCode: '97' });

    const [request] = await world.services.dataSource.query(`SELECT status FROM payment_request WHERE id = $1`, [
      dossier.request.id,
    ]);
    expect(request.status).toBe('pending');
    const logged: Array<{ rsp_code: string; outcome: string }> = await world.services.dataSource.query(
      `SELECT rsp_code, outcome FROM payment_callback_log ORDER BY id`,
    );
    expect(logged.map((row) => row.rsp_code)).toEqual(['97', '97', '97', '97', '01', '01', '04', '97']);
    const refusals = warnings.filter((message) => message.startsWith('IPN refused'));
    expect(refusals).toHaveLength(8);
    for (const message of warnings) expect(message).not.toContain(world.secret);
    const rows = JSON.stringify(await world.services.dataSource.query(`SELECT * FROM payment_callback_log`));
    expect(rows).not.toContain(world.secret);
  });

  it('1,000 concurrent duplicates of a valid IPN: exactly one payment, the rest answered 02; a replay for another request is refused', async () => {
    const first = await dossierAwaitingPayment(world);
    const second = await dossierAwaitingPayment(world);
    const valid = signedIpn(world.secret, { txnRef: first.request.txn_ref, amountVnd: 100000, tmnCode: tmnCode() });
    const answers = await concurrentIpns(world.base, valid, 1000);
    const codes = answers.map((answer) => answer.code);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(codes.filter((code) => code === '00')).toHaveLength(1);
    expect(codes.filter((code) => code === '02')).toHaveLength(999);
    await world.services.waitUntilIdle();
    const [paid] = await world.services.dataSource.query(
      `SELECT status, channel, settled_by FROM payment_request WHERE id = $1`,
      [first.request.id],
    );
    expect(paid).toEqual({ status: 'paid', channel: 'online', settled_by: 'ipn' });
    const [counts] = await world.services.dataSource.query(
      `SELECT count(*) FILTER (WHERE type = 'payment-paid')::int AS paid,
              count(*) FILTER (WHERE type = 'step-completed' AND payload->>'stepId' = 'fee')::int AS completed
       FROM dossier_event WHERE dossier_id = $1`,
      [first.id],
    );
    expect(counts).toEqual({ paid: 1, completed: 1 });
    expect(await world.api.dossierStatus(first.id)).toBe('processing');

    // The same signed notification pointed at another request: the signature no longer matches.
    const replayed = await callIpn(world.base, { ...valid, vnp_TxnRef: second.request.txn_ref });
    expect(replayed.body).toMatchObject({ RspCode: '97' });
    expect((await callIpn(world.base, valid)).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    const [untouched] = await world.services.dataSource.query(`SELECT status FROM payment_request WHERE id = $1`, [
      second.request.id,
    ]);
    expect(untouched.status).toBe('pending');
    expect(await world.api.dossierStatus(second.id)).toBe('awaiting-payment');
    const duplicates = await world.services.dataSource.query(
      `SELECT count(*)::int AS n FROM payment_callback_log WHERE rsp_code = '02' AND txn_ref = $1`,
      [first.request.txn_ref],
    );
    expect(duplicates[0].n).toBe(1000);
  });

  it('regression (issue 17): an IPN settles a fee whose clock pause was recorded by a worker whose clock ran 1 h ahead', async () => {
    // The fault suite's skewed worker opened the fee request and paused the clock 1 h "later" than the API's now;
    // the IPN's resume then lay before the pause, the ledger was refused ("IPN failed: Cannot resume a clock that is
    // running") and VNPay got 99 until the API's clock caught up.
    const dossier = await dossierAwaitingPayment(world);
    // (TypeORM answers an UPDATE … RETURNING with [rows, count].)
    const [[pause]] = await world.services.dataSource.query(
      `UPDATE clock_entry SET at = at + interval '1 hour'
       WHERE dossier_id = $1 AND step_task_id IS NULL AND type = 'pause' AND reason = 'awaiting-payment' RETURNING at`,
      [dossier.id],
    );
    expect(pause).toBeDefined();
    const valid = signedIpn(world.secret, { txnRef: dossier.request.txn_ref, amountVnd: 100000, tmnCode: tmnCode() });
    expect((await callIpn(world.base, valid)).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    await world.services.waitUntilIdle();
    const [paid] = await world.services.dataSource.query(`SELECT status FROM payment_request WHERE id = $1`, [
      dossier.request.id,
    ]);
    expect(paid.status).toBe('paid');
    const entries = await world.services.dataSource.query(
      `SELECT type, at FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL ORDER BY id`,
      [dossier.id],
    );
    expect(entries.slice(-2)).toEqual([
      { type: 'pause', at: pause.at },
      { type: 'resume', at: pause.at },
    ]);
    expect(await world.api.dossierStatus(dossier.id)).toBe('processing');
  });

  it('a payment notified after expiry is not honoured under PAYMENT_LATE_POLICY=refund: refund record, dossier waits', async () => {
    const dossier = await dossierAwaitingPayment(world);
    await world.api.advance(world.admin, { days: 3 }); // past the 2 working days allowed to pay
    const late = signedIpn(world.secret, { txnRef: dossier.request.txn_ref, amountVnd: 100000, tmnCode: tmnCode() });
    expect((await callIpn(world.base, late)).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await callIpn(world.base, late)).body).toMatchObject({ RspCode: '02' });
    await world.services.waitUntilIdle();
    const [request] = await world.services.dataSource.query(
      `SELECT status, late_payment, paid_at IS NOT NULL AS has_paid_at FROM payment_request WHERE id = $1`,
      [dossier.request.id],
    );
    expect(request).toEqual({ status: 'expired', late_payment: true, has_paid_at: true });
    const refunds = await world.services.dataSource.query(
      `SELECT reason, status, amount FROM payment_refund WHERE payment_request_id = $1`,
      [dossier.request.id],
    );
    expect(refunds).toEqual([{ reason: 'late-payment', status: 'requested', amount: '100000' }]);
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');
    expect(await world.api.eventTypes(dossier.id)).toEqual(
      expect.arrayContaining(['payment-expired', 'payment-refund-requested']),
    );
  });
});
