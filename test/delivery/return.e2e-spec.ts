import { SandboxPostalCarrier } from '@motcua/integrations';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { waitFor } from '../support/test-config';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { DeliveryHttp, oneStepDefinition, pdfBytes, sha256 } from './support/delivery-fixture';

/**
 * Issue 12, acceptance 1 and 4: results returned at the desk, online and by post (the postal one through the sandbox
 * carrier's tracking states to delivered, another to failed → returned to sender); events and times recorded; every
 * dossier ends `returned`. The download link expires and cannot be altered to fetch another dossier's file.
 */
describe('returning results (issue 12, acceptance 1 and 4)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let workflow: WorkflowHttp;
  let desk: Actor;
  let officer: Actor;
  let admin: Actor;
  let procedureId: string;

  beforeAll(async () => {
    services = await startTestServices({
      TEST_CLOCK_ENABLED: 'true',
      PUBLIC_THROTTLE_LIMIT: '1000',
      DEADLINE_SWEEP_INTERVAL_MS: '500',
    });
    http = new DeliveryHttp(services);
    workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    officer = catalog.actor('000.21.12.H62', 'agency_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.setClock(admin, '2026-11-23T01:00:00Z'); // Monday 08:00 in Hà Nội
    await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  });

  afterAll(async () => {
    await services?.close();
  });

  const deliveryOf = async (dossierId: string) =>
    (
      await http
        .http()
        .get(`/dossiers/${dossierId}/delivery`)
        .set(await http.auth(desk))
        .expect(200)
    ).body;
  const statusOf = async (dossierId: string) =>
    (
      (await services.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [dossierId])) as Array<{
        status: string;
      }>
    )[0].status;

  /** Intake, return channel, processing with the result attached, up to the started delivery. */
  async function toDelivery(name: string, channel: 'desk' | 'online' | 'postal', identityNumber: string) {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS'], { name, identityNumber });
    const chosen = await http
      .http()
      .put(`/dossiers/${dossier.id}/return-channel`)
      .set(await http.auth(desk))
      .send(
        channel === 'postal'
          ? {
              channel,
              recipient: { name, address: 'Số 5 ngõ 12 phố Huế, Hà Nội', phone: '0912999888', province: 'Hà Nội' },
            }
          : { channel },
      );
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ returnChannel: channel, returnChannelChangeable: true, status: null });
    await services.waitUntilIdle();
    const bytes = pdfBytes(2500);
    const attached = await http
      .http()
      .post(`/dossiers/${dossier.id}/result`)
      .set(await http.auth(officer))
      .field('decisionNumber', `KS-${identityNumber.slice(-4)}`)
      .field('kind', 'certificate')
      .field('issuedOn', '2026-11-23')
      .field('signer', 'Chủ tịch UBND xã An Hòa')
      .attach('file', bytes, { filename: 'ket-qua.pdf', contentType: 'application/pdf' });
    expect(attached.status).toBe(201);
    await workflow.advance(admin, { hours: 2 });
    await workflow.completeOpen(officer, dossier.id, 'process');
    await waitFor('the delivery to start', async () => (await deliveryOf(dossier.id)).status !== null);
    expect(await statusOf(dossier.id)).toBe('result-ready');
    return { ...dossier, resultSha: sha256(bytes) };
  }

  async function scan(trackingNumber: string, status: string, reason?: string) {
    const response = await http
      .http()
      .post(`/sandbox/postal/shipments/${trackingNumber}/events`)
      .set(await http.auth(admin))
      .send({ status, ...(reason ? { reason } : {}) });
    expect(response.status).toBe(200);
    expect(response.body.response.status).toBe(200);
    return response.body;
  }

  it('returns at the desk with the hand-over recorded; the uncollected list shows it with its age until then', async () => {
    const dossier = await toDelivery('Nguyễn Văn Á', 'desk', '001090100001');
    expect(await deliveryOf(dossier.id)).toMatchObject({ status: 'awaiting-pickup', deliveryChannel: 'desk' });
    // The channel froze with the result.
    const late = await http
      .http()
      .put(`/dossiers/${dossier.id}/return-channel`)
      .set(await http.auth(desk))
      .send({ channel: 'online' });
    expect(late.status).toBe(409);
    await workflow.advance(admin, { days: 2 });
    const waiting = await http
      .http()
      .get('/delivery/uncollected')
      .set(await http.auth(desk))
      .expect(200);
    expect(waiting.body.items).toEqual([
      expect.objectContaining({ dossierId: dossier.id, ageDays: 2, postalFallbackReason: null }),
    ]);
    expect(waiting.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const handed = await http
      .http()
      .post(`/dossiers/${dossier.id}/delivery/handover`)
      .set(await http.auth(desk))
      .send({ receivedBy: 'Nguyễn Văn Á', identityDocument: 'CCCD 001090100001' });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ status: 'delivered', handedToName: 'Nguyễn Văn Á' });
    await services.waitUntilIdle();
    expect(await statusOf(dossier.id)).toBe('returned');
    // A second hand-over is refused; the list no longer shows it.
    const again = await http
      .http()
      .post(`/dossiers/${dossier.id}/delivery/handover`)
      .set(await http.auth(desk))
      .send({ receivedBy: 'X', identityDocument: 'Y' });
    expect(again.status).toBe(409);
    expect(
      (
        await http
          .http()
          .get('/delivery/uncollected')
          .set(await http.auth(desk))
      ).body,
    ).toMatchObject({ items: [], total: 0 });
    // Processing and delivery are timed apart: the dossier's clock stopped when the result was ready, the delivery
    // step ran its own clock from then to the hand-over.
    const events: Array<{ type: string }> = await services.dataSource.query(
      `SELECT type FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossier.id],
    );
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'result-attached',
        'result-ready',
        'delivery-started',
        'result-handed-over',
        'result-returned',
      ]),
    );
    const [step] = await services.dataSource.query(
      `SELECT started_at, completed_at FROM step_task WHERE dossier_id = $1 AND kind = 'delivery'`,
      [dossier.id],
    );
    const dossierStops = await services.dataSource.query(
      `SELECT at FROM clock_entry WHERE dossier_id = $1 AND step_task_id IS NULL AND type = 'stop'`,
      [dossier.id],
    );
    expect(dossierStops.map((row: { at: Date }) => new Date(row.at).toISOString())).toEqual([
      new Date(step.started_at).toISOString(),
    ]);
    expect(new Date(step.completed_at).getTime() - new Date(step.started_at).getTime()).toBeGreaterThanOrEqual(
      2 * 86400_000,
    );
  });

  it('returns by post through the sandbox carrier: picked up → in transit → delivered, signed and idempotent', async () => {
    const dossier = await toDelivery('Phạm Thị Dung', 'postal', '001090100004');
    const started = await deliveryOf(dossier.id);
    expect(started).toMatchObject({
      status: 'shipping',
      deliveryChannel: 'postal',
      carrier: 'sandbox',
      shipmentStatus: 'created',
    });
    expect(started.trackingNumber).toMatch(/^RR\d{9}VN$/);
    const pickedUp = await scan(started.trackingNumber, 'picked-up');
    // The carrier redelivers a webhook: recorded once, nothing changes.
    const replay = await http
      .http()
      .post(pickedUp.webhook.path)
      .set(pickedUp.webhook.headers)
      .send(pickedUp.webhook.body);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ recorded: false, applied: false });
    // A forged status (body changed, signature kept) is refused.
    const forged = await http
      .http()
      .post(pickedUp.webhook.path)
      .set(pickedUp.webhook.headers)
      .send(String(pickedUp.webhook.body).replace('picked-up', 'delivered'));
    expect(forged.status).toBe(401);
    await workflow.advance(admin, { hours: 3 });
    await scan(started.trackingNumber, 'in-transit');
    // Hours later the captured webhook is outside the signature window: refused even with a valid signature.
    const stale = await http
      .http()
      .post(pickedUp.webhook.path)
      .set(pickedUp.webhook.headers)
      .send(pickedUp.webhook.body);
    expect(stale.status).toBe(401);
    await workflow.advance(admin, { days: 1 });
    await scan(started.trackingNumber, 'delivered');
    await services.waitUntilIdle();
    expect(await statusOf(dossier.id)).toBe('returned');
    const finished = await deliveryOf(dossier.id);
    expect(finished).toMatchObject({ status: 'delivered', shipmentStatus: 'delivered' });
    expect(
      finished.tracking.map((event: { status: string; applied: boolean }) => [event.status, event.applied]),
    ).toEqual([
      ['picked-up', true],
      ['in-transit', true],
      ['delivered', true],
    ]);
    expect(new Date(finished.deliveredAt).getTime()).toBeGreaterThan(new Date(finished.dispatchedAt).getTime());
  });

  it('scans whose webhooks never arrived (the installation was down) come again when the carrier redelivers', async () => {
    const dossier = await toDelivery('Đỗ Văn Phúc', 'postal', '001090100006');
    const { trackingNumber, dispatchedAt } = await deliveryOf(dossier.id);
    // The carrier records two scans, but neither webhook reaches us.
    const carrier = new SandboxPostalCarrier(services.dataSource, 'not-sent', 300);
    const at = (hours: number) => new Date(new Date(dispatchedAt).getTime() + hours * 3600_000);
    await carrier.reportStatus(trackingNumber, 'picked-up', at(1));
    await carrier.reportStatus(trackingNumber, 'in-transit', at(2));
    expect(await deliveryOf(dossier.id)).toMatchObject({ shipmentStatus: 'created' });
    const redeliver = async () =>
      (
        await http
          .http()
          .post(`/sandbox/postal/shipments/${trackingNumber}/redeliver`)
          .set(await http.auth(admin))
          .expect(200)
      ).body as Array<{ response: { status: number; body: { recorded: boolean; applied: boolean } } }>;
    const first = await redeliver();
    expect(
      first.map((sent) => [sent.response.status, sent.response.body.recorded, sent.response.body.applied]),
    ).toEqual([
      [200, true, true],
      [200, true, true],
    ]);
    expect(await deliveryOf(dossier.id)).toMatchObject({ status: 'shipping', shipmentStatus: 'in-transit' });
    // Redelivered again (the carrier did not see our 200): recorded once, nothing changes.
    const again = await redeliver();
    expect(again.map((sent) => [sent.response.status, sent.response.body.recorded])).toEqual([
      [200, false],
      [200, false],
    ]);
    await scan(trackingNumber, 'delivered');
    await services.waitUntilIdle();
    expect(await statusOf(dossier.id)).toBe('returned');
    expect((await deliveryOf(dossier.id)).tracking).toHaveLength(3);
    await http
      .http()
      .post('/sandbox/postal/shipments/RR999999999VN/redeliver')
      .set(await http.auth(admin))
      .expect(404);
  });

  it('a failed postal delivery goes back to the sender and waits at the desk until handed over', async () => {
    const dossier = await toDelivery('Hoàng Văn Em', 'postal', '001090100005');
    const { trackingNumber } = await deliveryOf(dossier.id);
    await scan(trackingNumber, 'picked-up');
    await scan(trackingNumber, 'in-transit');
    await scan(trackingNumber, 'failed', 'Không có người nhận');
    await scan(trackingNumber, 'returned-to-sender', 'Hết thời hạn lưu ký');
    const back = await deliveryOf(dossier.id);
    expect(back).toMatchObject({
      status: 'awaiting-pickup',
      deliveryChannel: 'desk',
      shipmentStatus: 'returned-to-sender',
      postalFallbackReason: 'Hết thời hạn lưu ký',
    });
    expect(await statusOf(dossier.id)).toBe('result-ready');
    const waiting = await http
      .http()
      .get('/delivery/uncollected')
      .set(await http.auth(desk))
      .expect(200);
    expect(waiting.body.items).toEqual([
      expect.objectContaining({ dossierId: dossier.id, postalFallbackReason: 'Hết thời hạn lưu ký' }),
    ]);
    // The carrier cannot deliver what it sent back.
    const refused = await http
      .http()
      .post(`/sandbox/postal/shipments/${trackingNumber}/events`)
      .set(await http.auth(admin))
      .send({ status: 'delivered' });
    expect(refused.status).toBe(409);
    await http
      .http()
      .post(`/dossiers/${dossier.id}/delivery/handover`)
      .set(await http.auth(desk))
      .send({ receivedBy: 'Hoàng Văn Em', identityDocument: 'CCCD 001090100005' })
      .expect(200);
    await services.waitUntilIdle();
    expect(await statusOf(dossier.id)).toBe('returned');
  });
  it('returns online through a signed link that expires and cannot be altered (acceptance 4)', async () => {
    const online = await toDelivery('Trần Thị Bích', 'online', '001090100002');
    const other = await toDelivery('Lê Văn Cường', 'online', '001090100003');
    expect(await deliveryOf(online.id)).toMatchObject({ status: 'awaiting-download', deliveryChannel: 'online' });
    const wrongSecret = await http
      .http()
      .get(`/public/dossiers/${online.code}/result-link`)
      .query({ secret: 'AAAAAAAAAA' });
    expect(wrongSecret.status).toBe(404);
    const link = await http
      .http()
      .get(`/public/dossiers/${online.code}/result-link`)
      .query({ secret: online.lookupSecret });
    expect(link.status).toBe(200);
    const otherLink = await http
      .http()
      .get(`/public/dossiers/${other.code}/result-link`)
      .query({ secret: other.lookupSecret });
    const [payload, signature] = String(link.body.url).split('/').pop()!.split('.');
    const [otherPayload, otherSignature] = String(otherLink.body.url).split('/').pop()!.split('.');
    // Another dossier's grant under this link's signature, or this grant under another's: nothing behind them.
    expect((await http.http().get(`/public/results/${otherPayload}.${signature}`)).status).toBe(404);
    expect((await http.http().get(`/public/results/${payload}.${otherSignature}`)).status).toBe(404);
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace(online.id, other.id),
    ).toString('base64url');
    expect((await http.http().get(`/public/results/${edited}.${signature}`)).status).toBe(404);

    const downloaded = await http
      .http()
      .get(`/public/results/${payload}.${signature}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect(sha256(downloaded.body as Buffer)).toBe(online.resultSha);
    await services.waitUntilIdle();
    expect(await statusOf(online.id)).toBe('returned');
    expect(await deliveryOf(online.id)).toMatchObject({ status: 'delivered' });

    // Past its lifetime (3 days) the link is gone.
    await workflow.advance(admin, { days: 4 });
    const expired = await http.http().get(`/public/results/${otherPayload}.${otherSignature}`);
    expect(expired.status).toBe(410);
    expect(await statusOf(other.id)).toBe('result-ready');
  });
});
