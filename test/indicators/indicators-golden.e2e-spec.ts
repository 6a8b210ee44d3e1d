import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { LAND_CERTIFICATE, PaymentWorld, startPaymentWorld } from '../payment/support/payment-fixture';
import { GoldenDossier, goldenDefinition, GoldenScript, local } from './support/golden-fixture';

/**
 * Issue 15 acceptance 1 and 4: 26 land-certificate dossiers (20 working days; desk → fee → land registry) with
 * scripted lifecycles over the test clock. Expected values worked out by hand for March 2031 (01–31):
 *
 * Received Mon 17 Feb 08:00 (appointment Mon 17 Mar 08:00), desk hand-over 09:00, paid at the desk 10:00:
 *   F ×2 result Fri 21 Feb (outside March) · C-early ×2 result Fri 14 Mar (early) · C-late ×2 result Thu 20 Mar
 *   (late, also for QĐ 766) · C-open ×2 still at the land registry on 31 Mar (overdue; QĐ 766 late).
 * Received Mon 3 Mar 08:00 (appointment Mon 31 Mar 08:00), desk 09:00, paid 10:00:
 *   N-early ×5 result Fri 7 Mar (2 in person, 2 online paid online, 1 postal; before approving, the land registry
 *   attaches to the first online one a digitized result and to the second a result that is not digitized, a scan
 *   copy) · N-same-day ×2 result Mon 31 Mar
 *   07:30 (on time, same date) · N-open ×3 open on 31 Mar (within time by date; QĐ 766 late: 23:59 > 08:00) ·
 *   N-supplement ×2 asked Wed 5 Mar 10:00, completed Mon 10 Mar 10:00, result Fri 28 Mar (report: early against
 *   the moved appointment; QĐ 766: 28 Mar − 5 days of waiting ≤ 31 Mar, on time) · N-waiting ×2 asked Tue 25 Mar,
 *   still waiting (within time; QĐ 766 judged at the request: on time) · N-withdrawn ×2 Wed 12 Mar · N-refused ×2
 *   refused Fri 14 Mar (resolved early).
 *
 * Report total: received 18 (online 2, in person + postal 16), carried over 6 (C ×6; F ended in February);
 * resolved 15 = early 11 (C-early 2 + N-early 5 + N-supplement 2 + N-refused 2) + on time 2 + late 2 (C-late);
 * withdrawn 2; in progress 7 = within 5 (N-open 3 + N-waiting 2) + overdue 2 (C-open). 6 + 18 = 15 + 2 + 7.
 * On time (QĐ 766): finished 17, on time 15 (all but C-late); open 7, on time 2 (N-waiting) → 17 / 24.
 * Online submission (QĐ 766: where a paper result is required, an online dossier counts only with an electronic
 * result): the land certificate's result type is 'paper' (demo catalog), so of the 2 online dossiers only the one
 * with the digitized result counts → 1 / 18 = 0.055556; parts: online 2 (share 2 / 18 = 0.111111), 1 of them
 * without the required electronic result, in person 15 (N-early 2 + N-same-day 2 + N-open 3 + N-supplement 2 +
 * N-waiting 2 + N-withdrawn 2 + N-refused 2), postal 1. Electronic hand-overs: every March dossier reaching the land registry from the desk (18, all
 * electronic; the February ones handed over on 17 Feb) → 18 / 18. Payments in March: online 2, desk 16 → 2 / 18;
 * dossiers with a fee 18. Results needing a result: 13 (C-early, C-late, N-early, N-same-day, N-supplement), one
 * digitized (the first N-early online one) → 1 / 13 = 0.076923. Reuse 0 / 18. Satisfaction (15 − 2 late − 0 dissatisfied) / 15.
 */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('indicators, resolution report and dossier facts over a golden dataset (issue 15)', () => {
  let world: PaymentWorld;
  let script: GoldenScript;
  let supervisor: Actor;
  const groups: Record<string, GoldenDossier[]> = {};

  beforeAll(async () => {
    world = await startPaymentWorld({ DEADLINE_SWEEP_INTERVAL_MS: '3600000' });
    script = new GoldenScript(world);
    supervisor = world.catalog.actor('000.00.00.H62', 'supervisor');
    await script.moveTo('2031-02-14T08:00:00');
    // The demo catalog takes this procedure in person and by post; the province opens it online for this scenario.
    await world.services.dataSource.query(
      `UPDATE procedure SET channels = '{in-person,online,postal}', online_level = 'full-online' WHERE code = $1`,
      [LAND_CERTIFICATE],
    );
    await world.api.publishDefinition(
      world.admin,
      world.catalog.procedures.get(LAND_CERTIFICATE)!.id,
      goldenDefinition(),
    );
  }, 120_000);

  afterAll(async () => {
    await world?.services.close();
  });

  async function receive(name: string, count: number, channel: 'in-person' | 'online' | 'postal', wall: string) {
    groups[name] = [];
    for (let n = 0; n < count; n += 1) groups[name].push(await script.accept(channel, local(wall)));
  }
  const each = async (names: string[], action: (dossier: GoldenDossier) => Promise<void>) => {
    for (const name of names) for (const dossier of groups[name]) await action(dossier);
    await script.settle();
  };
  const FEBRUARY = ['F', 'C-early', 'C-late', 'C-open'];
  const MARCH = [
    'N-early',
    'N-early-online',
    'N-early-postal',
    'N-same-day',
    'N-open',
    'N-supplement',
    'N-waiting',
    'N-withdrawn',
    'N-refused',
  ];

  it('runs the scripted lifecycles', async () => {
    await script.moveTo('2031-02-17T08:00:00');
    for (const name of FEBRUARY) await receive(name, 2, 'in-person', '2031-02-17T08:00:00');
    expect(groups.F[0].appointmentAt).toBe(local('2031-03-17T08:00:00').toISOString());
    await script.moveTo('2031-02-17T09:00:00');
    await each(FEBRUARY, (d) => script.completeDesk(d));
    await script.moveTo('2031-02-17T10:00:00');
    await each(FEBRUARY, (d) => script.payAtDesk(d));
    await script.moveTo('2031-02-21T10:00:00');
    await each(['F'], (d) => script.landRegistry(d, 'approve'));

    await script.moveTo('2031-03-03T08:00:00');
    await receive('N-early', 2, 'in-person', '2031-03-03T08:00:00');
    await receive('N-early-online', 2, 'online', '2031-03-03T08:00:00');
    await receive('N-early-postal', 1, 'postal', '2031-03-03T08:00:00');
    for (const name of MARCH.slice(3))
      await receive(name, name === 'N-open' ? 3 : 2, 'in-person', '2031-03-03T08:00:00');
    expect(groups['N-open'][0].appointmentAt).toBe(local('2031-03-31T08:00:00').toISOString());
    await script.moveTo('2031-03-03T09:00:00');
    await each(MARCH, (d) => script.completeDesk(d));
    await script.moveTo('2031-03-03T10:00:00');
    await each(['N-early-online'], (d) => script.payOnline(d));
    await each(
      MARCH.filter((name) => name !== 'N-early-online'),
      (d) => script.payAtDesk(d),
    );
    await script.moveTo('2031-03-05T10:00:00');
    await each(['N-supplement'], (d) => script.landRegistry(d, 'request-supplement'));
    await script.moveTo('2031-03-07T10:00:00');
    const [withElectronicResult, withScanOnly] = groups['N-early-online'];
    await script.attachResult(withElectronicResult, true);
    await script.attachResult(withScanOnly, false);
    await each(['N-early', 'N-early-online', 'N-early-postal'], (d) => script.landRegistry(d, 'approve'));
    await script.moveTo('2031-03-10T10:00:00');
    await each(['N-supplement'], (d) => script.supplementReceived(d));
    await script.moveTo('2031-03-12T10:00:00');
    await each(['N-withdrawn'], (d) => script.withdraw(d));
    await script.moveTo('2031-03-14T10:00:00');
    await each(['C-early'], (d) => script.landRegistry(d, 'approve'));
    await each(['N-refused'], (d) => script.landRegistry(d, 'refuse'));
    await script.moveTo('2031-03-20T10:00:00');
    await each(['C-late'], (d) => script.landRegistry(d, 'approve'));
    await script.moveTo('2031-03-25T10:00:00');
    await each(['N-waiting'], (d) => script.landRegistry(d, 'request-supplement'));
    await script.moveTo('2031-03-28T10:00:00');
    await each(['N-supplement'], (d) => script.landRegistry(d, 'approve'));
    await script.moveTo('2031-03-31T07:30:00');
    await each(['N-same-day'], (d) => script.landRegistry(d, 'approve'));
    await script.project();
  }, 600_000);

  it('answers the hand-computed indicators for March 2031', async () => {
    const response = await script.get(supervisor, '/indicators', { from: '2031-03-01', to: '2031-03-31' });
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.indicators.map((value: { id: string }) => [value.id, value]));
    const [{ n: feeProcedures }] = await world.services.dataSource.query(
      `SELECT count(*)::int AS n FROM procedure WHERE fee_rule->>'mode' <> 'none' AND (fee_rule->>'amount')::numeric > 0`,
    );
    expect(byId.onTime).toMatchObject({ numerator: 17, denominator: 24, value: 0.708333, target: 0.95, met: false });
    expect(byId.onTime).toMatchObject({ formula: 'qd766.on-time', legalSource: expect.stringMatching(/QĐ 766/) });
    expect(byId.onTime.details).toEqual({
      finishedOnTime: 15,
      finishedLate: 2,
      inProgressOnTime: 2,
      inProgressLate: 5,
      score: 14.166667, // 20 × 17/24
      maxScore: 20,
    });
    expect(byId.online).toMatchObject({ numerator: 1, denominator: 18, value: 0.055556, target: 0.5, met: false });
    expect(byId.online).toMatchObject({
      formula: 'qd766.online-submission',
      legalSource: expect.stringMatching(/QĐ 766/),
    });
    expect(byId.online.details).toEqual({
      online: 2,
      onlineShare: 0.111111,
      onlineWithoutRequiredElectronicResult: 1,
      inPerson: 15,
      postal: 1,
      inPersonShare: 0.833333,
      postalShare: 0.055556,
    });
    expect(byId.electronicHandover).toMatchObject({ numerator: 18, denominator: 18, value: 1, target: 0.8, met: true });
    expect(byId.onlinePayment).toMatchObject({
      numerator: 2,
      denominator: 18,
      value: 0.111111,
      target: 0.3,
      met: false,
    });
    expect(byId.onlinePayment.details).toMatchObject({
      paidOnline: 2,
      paidAtDesk: 16,
      dossiersWithFee: 18,
      feeBearingProcedures: feeProcedures,
      a: 0.111111,
      b: Math.round((1 / feeProcedures) * 1e6) / 1e6,
    });
    expect(byId.digitizedResults).toMatchObject({ numerator: 1, denominator: 13, value: 0.076923, met: false });
    expect(byId.digitizedResults.details).toEqual({ score: 0.461538, maxScore: 6 }); // 6 × 1/13
    expect(byId.reuse).toMatchObject({ numerator: 0, denominator: 18, value: 0 });
    expect(byId.reuse.details).toEqual({ score: 0, maxScore: 2 });
    expect(byId.satisfaction).toMatchObject({
      numerator: 13,
      denominator: 15,
      value: 0.866667,
      target: 0.9,
      met: false,
    });
    // min(6, 6 × (13/15) ÷ 0.9) = 6 × 0.962963 = 5.777778
    expect(byId.satisfaction.details).toMatchObject({ score: 5.777778, maxScore: 6 });
  });

  it('answers the hand-computed resolution report (JSON, CSV) and February carried into March', async () => {
    const march = await script.get(supervisor, '/reports/resolution', {
      from: '2031-03-01',
      to: '2031-03-31',
      groupBy: 'procedure',
    });
    expect(march.status).toBe(200);
    expect(march.body.rows).toHaveLength(1);
    expect(march.body.total).toMatchObject({
      received: { total: 18, online: 2, inPersonOrPostal: 16, carriedOver: 6 },
      resolved: { total: 15, early: 11, onTime: 2, late: 2 },
      withdrawn: 2,
      inProgress: { total: 7, withinTime: 5, overdue: 2 },
    });
    const february = await script.get(supervisor, '/reports/resolution', { from: '2031-02-01', to: '2031-02-28' });
    expect(february.body.total).toMatchObject({
      received: { total: 8, carriedOver: 0 },
      resolved: { total: 2, early: 2 },
      inProgress: { total: 6, withinTime: 6, overdue: 0 },
    });
    const csv = await script.get(supervisor, '/reports/resolution', {
      from: '2031-03-01',
      to: '2031-03-31',
      format: 'csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['Lĩnh vực', 'Tiếp nhận: tổng số', 'Tiếp nhận: trực tuyến']);
    expect(lines.at(-1)).toBe('Tổng cộng,18,2,16,6,15,11,2,2,2,7,5,2');
  });

  it('exports the report as XLSX with Vietnamese headers and the totals (acceptance 4)', async () => {
    const response = await world.api
      .http()
      .get('/reports/resolution')
      .query({ from: '2031-03-01', to: '2031-03-31', groupBy: 'agency', format: 'xlsx' })
      .set(await world.api.auth(supervisor))
      .buffer(true)
      .parse(binary);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell(1, 1).value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Cơ quan',
      'Tiếp nhận: tổng số',
      'Tiếp nhận: trực tuyến',
      'Tiếp nhận: trực tiếp và bưu chính',
      'Tiếp nhận: kỳ trước chuyển sang',
      'Đã giải quyết: tổng số',
      'Đã giải quyết: trước hạn',
      'Đã giải quyết: đúng hạn',
      'Đã giải quyết: quá hạn',
      'Rút hồ sơ',
      'Đang giải quyết: tổng số',
      'Đang giải quyết: trong hạn',
      'Đang giải quyết: quá hạn',
    ]);
    const total = (sheet.getRow(6).values as unknown[]).slice(1);
    expect(total).toEqual(['Tổng cộng', 18, 2, 16, 6, 15, 11, 2, 2, 2, 7, 5, 2]);
    expect(sheet.getRow(5).getCell(1).value).toMatch(/An Bình|huyện/i);
  });

  it('serves the facts behind the numbers (one row per dossier counted)', async () => {
    const page = await script.get(supervisor, '/reports/dossier-facts', {
      from: '2031-03-01',
      to: '2031-03-31',
      pageSize: '100',
    });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(24);
    const waiting = page.body.items.find((item: { code: string }) => item.code === groups['N-waiting'][0].code);
    expect(waiting).toMatchObject({ channel: 'in-person', endedAt: null, feeAmount: 100000, paymentChannel: 'desk' });
    expect(waiting.supplementWaits).toEqual([
      { requestedAt: local('2031-03-25T10:00:00').toISOString(), receivedAt: null },
    ]);
    // The procedure's result type, pinned at reception, is on every row (with the digitized result: enough to recompute).
    const online = groups['N-early-online'].map((dossier) =>
      page.body.items.find((item: { code: string }) => item.code === dossier.code),
    );
    expect(online.map((item) => [item.channel, item.resultType, item.digitizedResult])).toEqual([
      ['online', 'paper', true],
      ['online', 'paper', false],
    ]);
    expect(page.body.items.every((item: { resultType: string }) => item.resultType === 'paper')).toBe(true);
    const csv = await script.get(supervisor, '/reports/dossier-facts', {
      from: '2031-03-01',
      to: '2031-03-31',
      format: 'csv',
    });
    expect(csv.status).toBe(200);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(25);
    expect(rows[0].split(',')[5]).toBe('Loại kết quả của thủ tục');
  });

  it('refuses bad input with 4xx and keeps to the actor’s scope', async () => {
    expect((await script.get(supervisor, '/indicators', { from: '2031-03-31', to: '2031-03-01' })).status).toBe(400);
    expect((await script.get(supervisor, '/indicators', { from: '2031-02-30', to: '2031-03-01' })).status).toBe(400);
    expect((await script.get(supervisor, '/indicators', { from: '2020-01-01', to: '2031-03-01' })).status).toBe(400);
    expect(
      (await script.get(supervisor, '/reports/resolution', { from: '2031-03-01', to: '2031-03-31', format: 'pdf' }))
        .status,
    ).toBe(400);
    expect(
      (await script.get(supervisor, '/reports/resolution', { from: '2031-03-01', to: '2031-03-31', groupBy: 'x' }))
        .status,
    ).toBe(400);
    expect((await script.get(world.desk, '/indicators', { from: '2031-03-01', to: '2031-03-31' })).status).toBe(403);
    const commune = world.catalog.actor('000.21.12.H62', 'supervisor');
    const outside = await script.get(commune, '/indicators', {
      from: '2031-03-01',
      to: '2031-03-31',
      agencyId: world.catalog.agencies.get('000.00.12.H62')!.id,
    });
    expect(outside.status).toBe(404);
    // A supervisor of another subtree sees none of these dossiers.
    const own = await script.get(commune, '/reports/resolution', { from: '2031-03-01', to: '2031-03-31' });
    expect(own.body.total.received.total).toBe(0);
  });
});
