// pdf-parse's index.js runs a debug self-test when required directly; the lib file does not.
const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
import { randomUUID } from 'node:crypto';
import { sandboxCallbackParams, vnpayMerchantFromConfig } from '@motcua/integrations';
import {
  dossierAwaitingPayment,
  LAND_CERTIFICATE,
  startOnlinePayment,
  startPaymentWorld,
  PaymentWorld,
  submitSandboxPage,
} from './support/payment-fixture';

/** Issue 11 acceptance 2 (intake → payment step → sandbox page → pay → IPN → next step) and 6 (PDF = ledger). */
describe('payment step over HTTP with the embedded VNPay sandbox (issue 11)', () => {
  let world: PaymentWorld;

  beforeAll(async () => {
    world = await startPaymentWorld();
  });

  afterAll(async () => {
    await world?.services.close();
  });

  const requestRow = async (id: string) =>
    (await world.services.dataSource.query(`SELECT * FROM payment_request WHERE id = $1`, [id]))[0];

  it('opens the fee request from the catalog, pauses the clock, and refuses to complete the step by hand', async () => {
    const dossier = await dossierAwaitingPayment(world);
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');
    expect(Number(dossier.request.amount)).toBe(100000);
    expect(dossier.request.status).toBe('pending');
    const lines = await world.services.dataSource.query(
      `SELECT label, quantity, unit_amount, amount FROM fee_line WHERE payment_request_id = $1`,
      [dossier.request.id],
    );
    expect(lines).toEqual([{ label: 'Lệ phí', quantity: 1, unit_amount: '100000', amount: '100000' }]);
    expect(await world.api.eventTypes(dossier.id)).toContain('payment-requested');
    const [pause] = await world.services.dataSource.query(
      `SELECT type, reason, party, legal_basis FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL ORDER BY id DESC LIMIT 1`,
      [dossier.id],
    );
    expect(pause).toMatchObject({ type: 'pause', reason: 'awaiting-payment', party: 'applicant' });
    expect(pause.legal_basis).toMatch(/^ND118-2025/);
    const step = await world.api.openStep(world.desk, dossier.id, 'fee');
    const byHand = await world.api.complete(world.desk, step.id, 'approve');
    expect(byHand.status).toBe(422);
    expect(byHand.body.message).toMatch(/completes when its fee is paid/);
  });

  it('refuses at intake (400, no dossier) a submission whose fee would pass the cap, instead of failing in the payment worker', async () => {
    const procedureId = world.catalog.procedures.get(LAND_CERTIFICATE)!.id;
    const admin = await world.api.auth(world.admin);
    const patch = (feeRule: object) =>
      world.api.http().patch(`/admin/procedures/${procedureId}`).set(admin).send({ feeRule });
    const before = (await world.api.http().get(`/procedures/${procedureId}`).set(admin).expect(200)).body.feeRule;
    await patch({ mode: 'per-item', amount: 10_000_000_000_000, paid: 'before' }).expect(200);
    try {
      const count = () => world.services.dataSource.query(`SELECT count(*)::int AS n FROM dossier`);
      const [{ n: dossiersBefore }] = await count();
      const refused = await world.api
        .http()
        .post('/dossiers')
        .set(await world.api.auth(world.desk))
        .set('Idempotency-Key', randomUUID())
        .send({
          procedureId,
          channel: 'in-person',
          applicant: {
            name: 'Trần Văn Bình',
            identityNumber: '001090012345',
            address: 'Thôn Bắc',
            phone: '0912000111',
          },
          documents: [
            { code: 'DON', form: 'original', count: 100 },
            { code: 'GTNG', form: 'copy', count: 100 },
          ],
          outcome: 'accept',
        });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/over the largest fee/);
      expect((await count())[0].n).toBe(dossiersBefore);
    } finally {
      await patch(before).expect(200);
    }
  });

  it('cancel on the sandbox page leaves the request open; the return URL alone changes nothing; pay → IPN → next step', async () => {
    const dossier = await dossierAwaitingPayment(world);
    // Cancel: the gateway's IPN says 24, the request stays open until expiry.
    const cancelled = await submitSandboxPage(await startOnlinePayment(world, dossier), 'cancel');
    expect(cancelled.status).toBe(303);
    expect(new URL(cancelled.location!).searchParams.get('vnp_ResponseCode')).toBe('24');
    await world.services.waitUntilIdle();
    expect((await requestRow(dossier.request.id)).status).toBe('pending');
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');

    // A correctly signed "paid" return URL, without any IPN: shows the outcome, records nothing.
    const merchant = vnpayMerchantFromConfig(world.services.config);
    const returnParams = sandboxCallbackParams(
      merchant,
      {
        tmnCode: merchant.tmnCode,
        txnRef: dossier.request.txn_ref,
        amount: '10000000',
        amountVnd: 100000,
        orderInfo: 'x',
        returnUrl: '',
        createDate: '20271206080000',
        expireDate: '20271208080000',
        locale: 'vn',
      },
      'pay',
      '14000999',
      new Date(),
    );
    // The return URL sends the browser to the outcome page (web front end) with the same parameters; the page reads
    // the verified outcome, which shows the request still pending.
    const query = new URLSearchParams(returnParams).toString();
    const returnPage = await fetch(`${world.base}/payments/vnpay/return?${query}`, { redirect: 'manual' });
    expect(returnPage.status).toBe(302);
    expect(returnPage.headers.get('location')).toBe(`/app/thanh-toan?${query}`);
    const shown = await fetch(`${world.base}/payments/vnpay/return/outcome?${query}`);
    expect(await shown.json()).toMatchObject({ verified: true, paid: true, requestStatus: 'pending' });
    await world.services.waitUntilIdle();
    expect((await requestRow(dossier.request.id)).status).toBe('pending');
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');

    // Pay: the sandbox calls the IPN (signed like VNPay), then sends the browser to the return URL.
    const paymentUrl = await startOnlinePayment(world, dossier);
    expect(new URL(paymentUrl).pathname).toBe('/sandbox/vnpay/paymentv2/vpcpay.html');
    expect(new URL(paymentUrl).searchParams.get('vnp_Amount')).toBe('10000000');
    const paid = await submitSandboxPage(paymentUrl, 'pay');
    expect(paid.status).toBe(303);
    const landing = new URL(paid.location!);
    expect(landing.pathname).toBe('/payments/vnpay/return');
    const outcome = await fetch(`${world.base}/payments/vnpay/return/outcome${landing.search}`);
    expect(await outcome.json()).toMatchObject({ verified: true, paid: true, dossierCode: dossier.code });
    await world.services.waitUntilIdle();
    const row = await requestRow(dossier.request.id);
    expect(row).toMatchObject({ status: 'paid', channel: 'online', settled_by: 'ipn', late_payment: false });
    expect(await world.api.dossierStatus(dossier.id)).toBe('processing');
    const next = await world.api.openStep(world.landOfficer, dossier.id, 'land-registry');
    expect(next.stepId).toBe('land-registry');
    const events = await world.services.dataSource.query(
      `SELECT type, payload FROM dossier_event WHERE dossier_id = $1 AND type LIKE 'payment-%' ORDER BY sequence`,
      [dossier.id],
    );
    expect(events.map((event: { type: string }) => event.type)).toEqual(['payment-requested', 'payment-paid']);
    expect(events[1].payload).toMatchObject({ channel: 'online', amount: 100000, settledBy: 'ipn' });
    const [resume] = await world.services.dataSource.query(
      `SELECT type FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL AND type = 'resume'`,
      [dossier.id],
    );
    expect(resume).toEqual({ type: 'resume' });
    // Paying the same reference again on the gateway is refused there.
    const again = await submitSandboxPage(paymentUrl, 'pay');
    expect(again.status).toBe(409);
  });

  it('records a desk payment (amount and receipt number checked) and prints a receipt whose amounts equal the ledger', async () => {
    const dossier = await dossierAwaitingPayment(world);
    const header = await world.api.auth(world.desk);
    const url = `/dossiers/${dossier.id}/payments/desk`;
    const wrong = await world.api
      .http()
      .post(url)
      .set(header)
      .send({ method: 'cash', receiptNumber: 'BL-1', amount: 99999 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/100000/);
    const invalid = await world.api
      .http()
      .post(url)
      .set(header)
      .send({ method: 'coins', receiptNumber: 'BL 1', amount: 1.5 });
    expect(invalid.status).toBe(400);
    const paid = await world.api
      .http()
      .post(url)
      .set(header)
      .send({ method: 'cash', receiptNumber: 'BL-1', amount: 100000 });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'paid', channel: 'desk', deskReceiptNumber: 'BL-1', amount: 100000 });
    await world.services.waitUntilIdle();
    expect(await world.api.dossierStatus(dossier.id)).toBe('processing');
    const twice = await world.api
      .http()
      .post(url)
      .set(header)
      .send({ method: 'cash', receiptNumber: 'BL-2', amount: 100000 });
    expect(twice.status).toBe(409);

    const other = await dossierAwaitingPayment(world);
    const reused = await world.api
      .http()
      .post(`/dossiers/${other.id}/payments/desk`)
      .set(header)
      .send({ method: 'bank-transfer', receiptNumber: 'BL-1', amount: 100000 });
    expect(reused.status).toBe(409);
    // Another agency's officer cannot see or pay it.
    const stranger = await world.api.auth(world.catalog.actor('000.21.12.H62', 'desk_officer'));
    await world.api.http().get(`/dossiers/${other.id}/payments`).set(stranger).expect(404);

    const receipt = await world.api
      .http()
      .get(`/dossiers/${dossier.id}/payments/${dossier.request.id}/receipt`)
      .set(header)
      .expect(200);
    expect(receipt.body).toMatchObject({
      receiptNumber: 'BL-1',
      dossierCode: dossier.code,
      amount: 100000,
      channel: 'desk',
    });
    const pdf = await world.api
      .http()
      .get(`/dossiers/${dossier.id}/payments/${dossier.request.id}/receipt.pdf`)
      .set(header)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = (await pdfParse(pdf.body as Buffer)).text;
    const ledger = await world.services.dataSource.query(
      `SELECT r.amount AS total, l.unit_amount, l.amount FROM payment_request r JOIN fee_line l ON l.payment_request_id = r.id WHERE r.id = $1`,
      [dossier.request.id],
    );
    const dotted = (value: string) => value.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    for (const line of ledger) expect(text).toContain(dotted(line.amount));
    expect(text).toContain(`${dotted(ledger[0].total)} đồng`);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(dossier.code);
  });

  it('a dossier received after the 15:00 cut-off asks for its fee that evening: the request opens, the clock waits from the counting start', async () => {
    // Monday 13 Dec 2027 16:00 in Hà Nội: counting starts Tuesday 08:00 (NĐ 61/2018 cut-off), the fee is asked today.
    await world.api.setClock(world.admin, '2027-12-13T16:00:00+07:00');
    const dossier = await dossierAwaitingPayment(world);
    expect(dossier.request.status).toBe('pending');
    expect(await world.api.dossierStatus(dossier.id)).toBe('awaiting-payment');
    const entries = await world.services.dataSource.query(
      `SELECT type, at FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL ORDER BY id`,
      [dossier.id],
    );
    expect(entries.map((entry: { type: string }) => entry.type)).toEqual(['start', 'pause']);
    // The clock's start is Tuesday (the next working day), after the evening's pause was asked.
    expect(new Date(entries[0].at).toISOString().slice(0, 10)).toBe('2027-12-14');
    expect(new Date(entries[1].at).getTime()).toBeLessThan(new Date(entries[0].at).getTime());

    // Paid at the desk the next morning, 10:00: the dossier clock only started to count at 10:00.
    await world.api.advance(world.admin, { hours: 18 });
    await world.api
      .http()
      .post(`/dossiers/${dossier.id}/payments/desk`)
      .set(await world.api.auth(world.desk))
      .send({ method: 'cash', receiptNumber: 'BL-CUTOFF', amount: 100000 })
      .expect(201);
    await world.services.waitUntilIdle();
    const [clock] = await world.services.dataSource.query(
      `SELECT clock_status FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [dossier.id],
    );
    expect(clock.clock_status).toBe('running');
    expect(await world.api.openStep(world.landOfficer, dossier.id)).toMatchObject({ stepId: 'land-registry' });
  });
  it('waiting for the fee does not count (rule set pause): the appointment in force moves by the wait, across 1 Jan 2028', async () => {
    // Worked by hand (07:00–11:30, 13:30–17:00 Mon–Fri, +07:00; 1 Jan 2028 is a Saturday → substitute Mon 3 Jan):
    // accepted Mon 20 Dec 2027 08:00, 20 working days = 160 h: Mon 7 h, Tue 21–Fri 24 32 h (39), Mon 27–Fri 31 40 h (79),
    // Tue 4–Fri 7 Jan 32 h (111), Mon 10–Fri 14 40 h (151), Mon 17 8 h (159), Tue 18 Jan 07:00 + 1 h → 08:00.
    const [substitute] = await world.services.dataSource.query(
      `SELECT kind FROM calendar_day WHERE date = '2028-01-03'`,
    );
    expect(substitute).toEqual({ kind: 'holiday' });
    await world.api.setClock(world.admin, '2027-12-20T08:00:00+07:00');
    const dossier = await dossierAwaitingPayment(world);
    const appointment = async () =>
      (
        await world.api
          .http()
          .get(`/dossiers/${dossier.id}`)
          .set(await world.api.auth(world.desk))
          .expect(200)
      ).body.appointmentAt;
    expect(await appointment()).toBe(new Date('2028-01-18T08:00:00+07:00').toISOString());

    // The fee is asked at 08:00 (nothing counted yet) and paid Tue 21 Dec 10:00 (within the fee step's 2 days): the
    // whole 160 h count from then: Tue 5 h, Wed 22–Fri 24 24 h (29), Mon 27–Fri 31 40 h (69), Tue 4–Fri 7 Jan 32 h
    // (101), Mon 10–Fri 14 40 h (141), Mon 17–Tue 18 16 h (157), Wed 19 Jan 07:00 + 3 h → 10:00.
    await world.api.setClock(world.admin, '2027-12-21T10:00:00+07:00');
    await world.api
      .http()
      .post(`/dossiers/${dossier.id}/payments/desk`)
      .set(await world.api.auth(world.desk))
      .send({ method: 'cash', receiptNumber: 'BL-WAIT', amount: 100000 })
      .expect(201);
    await world.services.waitUntilIdle();
    const moved = new Date('2028-01-19T10:00:00+07:00').toISOString();
    expect(await appointment()).toBe(moved);
    const [clock] = await world.services.dataSource.query(
      `SELECT deadline_at FROM deadline_clock WHERE subject_type = 'dossier' AND subject_id = $1`,
      [dossier.id],
    );
    expect(new Date(clock.deadline_at).toISOString()).toBe(moved);
    const [event] = await world.services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'appointment-recomputed'`,
      [dossier.id],
    );
    expect(event.payload).toMatchObject({
      previousAppointmentAt: new Date('2028-01-18T08:00:00+07:00').toISOString(),
      appointmentAt: moved,
      reason: 'payment-wait',
    });
  });
});
