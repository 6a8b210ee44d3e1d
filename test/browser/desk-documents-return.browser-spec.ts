import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { createTestUser } from '../support/auth';
import { launchBrowser, newPage, screenshot, seriousAxeViolations, signIn, signOut } from './support/browser';
import { ConsoleWorld, startConsoleWorld } from './support/console-world';

const PDF = (label: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`), Buffer.alloc(1500, 0x20)]);

/** desk → fee at the desk → land registry (last processing step: attaches the result) → return at the desk. */
function definitionWithFee(): object {
  return {
    procedureCode: '1.000775',
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'fee' },
      },
      {
        id: 'fee',
        name: 'Nộp lệ phí',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 2 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        kind: 'task',
        agency: { code: '000.02.02.H62' },
        budget: { workingDays: 8 },
        transitions: { approve: 'return-result', refuse: '@end:refused' },
      },
      {
        id: 'return-result',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

/**
 * Issue 13 (desk: scans uploaded to the dossier; agency inbox: attach the result; return desk: ready-but-not-collected
 * list, hand-over recording, payment at the desk) with issue 12's delivery API underneath, in headless Chromium:
 * the desk uploads a scan (a wrong-type file is refused beside the file field), takes the fee at the counter, the
 * land officer attaches the result and completes the step, the desk finds it on the return desk's list and records
 * the hand-over; the dossier ends `returned`; the desk finds it again by the name typed without accents.
 * Screenshots under .local/test-artifacts/screenshots.
 */
describe('documents, desk payment, result and return in the console (issues 12 and 13)', () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;
  let dossier: { id: string; code: string };

  beforeAll(async () => {
    world = await startConsoleWorld();
    const admin = await createTestUser(world.services.dataSource, {
      roles: ['admin'],
      agencyId: await world.agencyId('000.00.00.H62'),
    });
    const auth = await world.auth(admin);
    const [procedure] = await world.services.dataSource.query(`SELECT id FROM procedure WHERE code = '1.000775'`);
    const created = await world
      .http()
      .post('/process-definitions')
      .set(auth)
      .send({ procedureId: procedure.id, document: definitionWithFee() })
      .expect(201);
    await world.http().post(`/process-definitions/${created.body.id}/publish`).set(auth).expect(200);

    const desk = await world.http().post('/auth/login').send(world.demo.desk).expect(200);
    const intake = await world
      .http()
      .post('/dossiers')
      .set('Authorization', `Bearer ${desk.body.accessToken}`)
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: procedure.id,
        channel: 'in-person',
        applicant: {
          name: 'Phạm Thị Dung',
          identityNumber: '001190067890',
          address: 'Thôn Bắc, xã An Hòa',
          phone: '0912000111',
        },
        documents: [
          { code: 'DON', form: 'original', count: 1 },
          { code: 'GTNG', form: 'certified-copy', count: 1 },
        ],
        outcome: 'accept',
      })
      .expect(201);
    dossier = { id: intake.body.id, code: intake.body.code };
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.services.close();
  });

  const openDossier = async (step?: boolean) => {
    if (step) {
      await page.getByRole('link', { name: 'Hồ sơ cần xử lý' }).click();
      const row = page.locator(`tr[data-dossier-code="${dossier.code}"]`);
      await row.waitFor();
      await row.getByRole('link', { name: dossier.code }).click();
    } else {
      await page.goto(`${world.baseUrl}/app/dossiers/${dossier.id}`);
    }
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` }).waitFor();
  };

  const completeOpenStep = async () => {
    const step = page.locator('section[data-step-status]');
    await step.waitFor();
    if ((await step.getAttribute('data-step-status')) === 'open') {
      await step.getByRole('button', { name: 'Nhận xử lý' }).click();
      await page.locator('section[data-step-status="claimed"]').waitFor();
    }
    await page.getByLabel('Kết quả xử lý').selectOption('approve');
    await page.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã hoàn thành bước' }).waitFor();
  };

  it('the desk uploads a scan for a checklist item; a text file posing as a scan is refused beside the file field', async () => {
    await signIn(page, world.baseUrl, world.demo.desk.username, world.demo.desk.password);
    await openDossier();
    const documents = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await documents.locator('tr[data-checklist-code="DON"][data-stored="no"]').waitFor();

    await page.getByLabel('Giấy tờ được quét').selectOption('GTNG');
    await page
      .getByLabel('Tệp quét (PDF, JPEG, PNG, TIFF)')
      .setInputFiles({ name: 'not-a-scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello, not a PDF') });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    const refusal = page.locator('[data-field-error="file"]');
    await refusal.waitFor();
    expect((await refusal.textContent())!.length).toBeGreaterThan(10);
    await screenshot(page, 'documents-01-wrong-type-refused');

    await page.getByLabel('Giấy tờ được quét').selectOption('DON');
    await page
      .getByLabel('Tệp quét (PDF, JPEG, PNG, TIFF)')
      .setInputFiles({ name: 'don-de-nghi.pdf', mimeType: 'application/pdf', buffer: PDF('don') });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu tệp don-de-nghi.pdf cho DON' }).waitFor();
    const stored = documents.locator('tr[data-checklist-code="DON"][data-stored="yes"]');
    await stored.waitFor();
    expect(await stored.textContent()).toContain('don-de-nghi.pdf');
    await screenshot(page, 'documents-02-scan-uploaded');

    const rows = await world.services.dataSource.query(
      `SELECT checklist_code, size_bytes::int AS size_bytes, source FROM dossier_document WHERE dossier_id = $1`,
      [dossier.id],
    );
    expect(rows).toEqual([{ checklist_code: 'DON', size_bytes: PDF('don').length, source: 'desk-upload' }]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('the desk hands the dossier over and takes the fee at the counter (cash, receipt number)', async () => {
    await world.services.waitUntilIdle();
    await openDossier(true);
    await completeOpenStep();
    await world.services.waitUntilIdle();

    await openDossier();
    const fees = page.getByRole('region', { name: 'Phí, lệ phí' });
    await fees.locator('[data-payment-status="pending"]').waitFor();
    await expect(page.getByLabel('Số tiền (đồng)').inputValue()).resolves.toBe('100000');
    await page.getByLabel('Hình thức', { exact: true }).selectOption('cash');
    await page.getByLabel('Số biên lai').fill('BL-2026-000777');
    await screenshot(page, 'payment-01-desk-form');
    await page.getByRole('button', { name: /Ghi nhận đã thu/ }).click();
    await fees.locator('[data-payment-status="paid"]').waitFor();
    expect(await fees.textContent()).toContain('BL-2026-000777');
    await screenshot(page, 'payment-02-paid-at-the-desk');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const [request] = await world.services.dataSource.query(
      `SELECT status, channel, desk_receipt_number FROM payment_request WHERE dossier_id = $1`,
      [dossier.id],
    );
    expect(request).toEqual({ status: 'paid', channel: 'desk', desk_receipt_number: 'BL-2026-000777' });
  });

  it('the land officer attaches the result from the inbox and completes the last processing step', async () => {
    await world.services.waitUntilIdle();
    await signOut(page);
    await signIn(page, world.baseUrl, world.demo.officer.username, world.demo.officer.password);
    await openDossier(true);
    await page.getByRole('heading', { name: 'Đính kèm kết quả giải quyết' }).waitFor();
    await page.getByLabel('Số văn bản / số giấy').fill('GCN-0012345');
    await page.getByLabel('Loại kết quả').selectOption('certificate');
    await page.getByLabel('Người ký').fill('Nguyễn Văn Bình, Giám đốc');
    await page
      .getByLabel('Tệp kết quả điện tử (PDF, JPEG, PNG, TIFF)')
      .setInputFiles({ name: 'giay-chung-nhan.pdf', mimeType: 'application/pdf', buffer: PDF('result') });
    await page.getByRole('button', { name: 'Đính kèm kết quả' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đính kèm kết quả GCN-0012345' }).waitFor();
    await screenshot(page, 'result-01-attached-by-the-land-officer');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await completeOpenStep();
    await world.services.waitUntilIdle();
    const [row] = await world.services.dataSource.query(
      `SELECT d.status, r.decision_number FROM dossier d JOIN dossier_result r ON r.dossier_id = d.id WHERE d.id = $1`,
      [dossier.id],
    );
    expect(row).toEqual({ status: 'result-ready', decision_number: 'GCN-0012345' });
  });

  it('the desk finds it on the return desk list with its age and records the hand-over; the dossier is returned', async () => {
    await signOut(page);
    await signIn(page, world.baseUrl, world.demo.desk.username, world.demo.desk.password);
    await page.getByRole('link', { name: 'Trả kết quả' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trả kết quả' }).waitFor();
    const row = page.locator(`tr[data-dossier-code="${dossier.code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Phạm Thị Dung.*0 giờ/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'return-01-uncollected-list');

    await row.getByRole('link', { name: dossier.code }).click();
    const delivery = page.locator('section[data-delivery-status="awaiting-pickup"]');
    await delivery.waitFor();
    expect(await page.getByRole('region', { name: 'Kết quả giải quyết' }).textContent()).toContain('GCN-0012345');
    // An empty form: the API's field errors appear beside the fields they name.
    await page.getByRole('button', { name: 'Ghi nhận đã trao kết quả' }).click();
    await page.locator('[data-field-error="receivedBy"]').waitFor();
    await page.locator('[data-field-error="identityDocument"]').waitFor();
    await page.getByLabel('Người nhận').fill('Phạm Thị Dung');
    await page.getByLabel('Giấy tờ tùy thân xuất trình').fill('CCCD 001190067890');
    await page.getByRole('button', { name: 'Ghi nhận đã trao kết quả' }).click();
    await page.locator('section[data-delivery-status="delivered"]').waitFor();
    expect(await page.locator('section[data-delivery-status="delivered"]').textContent()).toContain(
      'Phạm Thị Dung (CCCD 001190067890)',
    );
    await screenshot(page, 'return-02-handed-over');
    await world.services.waitUntilIdle();
    const [returned] = await world.services.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [dossier.id]);
    expect(returned.status).toBe('returned');
    await page.reload();
    await page.locator('[data-dossier-status="returned"]').waitFor();

    await page.getByRole('link', { name: 'Trả kết quả' }).click();
    await page.getByRole('status').filter({ hasText: 'Không có kết quả nào đang chờ trả' }).waitFor();
  });

  it('the desk finds the dossier by the applicant name typed without accents; a bad identity number is flagged beside its field', async () => {
    await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByLabel('Số CCCD/CMND').fill('12345');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('[data-field-error="identityNumber"]').waitFor();

    await page.getByLabel('Số CCCD/CMND').fill('');
    await page.getByLabel('Tên người nộp (gõ không dấu được)').fill('pham thi dung');
    await page.getByLabel('Trạng thái').selectOption('returned');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const row = page.locator(`tr[data-dossier-code="${dossier.code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Phạm Thị Dung');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'search-01-name-without-accents');
  });

  it("the sandbox carrier's desk scans a postal return to delivered; a redelivered webhook is recorded once", async () => {
    const token = async (user: { username: string; password: string }) =>
      `Bearer ${(await world.http().post('/auth/login').send(user).expect(200)).body.accessToken}`;
    const desk = await token(world.demo.desk);
    const officer = await token(world.demo.officer);
    const [procedure] = await world.services.dataSource.query(`SELECT id FROM procedure WHERE code = '1.000775'`);
    const intake = await world
      .http()
      .post('/dossiers')
      .set('Authorization', desk)
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: procedure.id,
        channel: 'in-person',
        applicant: {
          name: 'Lê Văn Bưu',
          identityNumber: '001190067891',
          address: 'Thôn Nam, xã An Hòa',
          phone: '0912000222',
        },
        documents: [
          { code: 'DON', form: 'original', count: 1 },
          { code: 'GTNG', form: 'certified-copy', count: 1 },
        ],
        outcome: 'accept',
        returnChannel: { channel: 'postal' },
      })
      .expect(201);
    const postal = intake.body as { id: string; code: string };
    const completeStep = async (stepId: string, auth: string) => {
      await world.services.waitUntilIdle();
      const [task] = await world.services.dataSource.query(
        `SELECT id FROM step_task WHERE dossier_id = $1 AND step_id = $2 AND status IN ('open', 'claimed')`,
        [postal.id, stepId],
      );
      await world
        .http()
        .post(`/inbox/steps/${task.id}/complete`)
        .set('Authorization', auth)
        .send({ outcome: 'approve' })
        .expect(200);
    };
    await completeStep('desk', desk);
    await world.services.waitUntilIdle();
    await world
      .http()
      .post(`/dossiers/${postal.id}/payments/desk`)
      .set('Authorization', desk)
      .send({ method: 'cash', receiptNumber: 'BL-2026-000778', amount: 100000 })
      .expect(201);
    await completeStep('land-registry', officer);
    await world.services.waitUntilIdle();
    const [delivery] = await world.services.dataSource.query(
      `SELECT tracking_number FROM delivery WHERE dossier_id = $1 AND channel = 'postal'`,
      [postal.id],
    );
    expect(delivery.tracking_number).toMatch(/^RR\d{9}VN$/);

    await signOut(page);
    await signIn(page, world.baseUrl, world.demo.admin.username, world.demo.admin.password);
    await page.getByRole('link', { name: 'Bưu chính (sandbox)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bưu chính (sandbox)' }).waitFor();
    const row = page.locator(`tr[data-tracking-number="${delivery.tracking_number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`Kết quả hồ sơ ${postal.code}`);
    for (const scan of ['Đã nhận hàng', 'Đang vận chuyển', 'Đã phát thành công']) {
      await row.getByRole('button', { name: scan }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${delivery.tracking_number}: ${scan} — hệ thống đã ghi nhận.` })
        .waitFor();
    }
    expect(await row.getByRole('button', { name: 'Đã nhận hàng' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Gửi lại thông báo' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: `${delivery.tracking_number}: đã gửi lại 3 thông báo — đã ghi nhận từ trước; đã ghi nhận từ trước; đã ghi nhận từ trước.`,
      })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'postal-01-sandbox-carrier-delivered');
    await world.services.waitUntilIdle();
    const [returned] = await world.services.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [postal.id]);
    expect(returned.status).toBe('returned');
    const [applied] = await world.services.dataSource.query(
      `SELECT count(*)::int AS n FROM postal_tracking_event WHERE tracking_number = $1 AND applied`,
      [delivery.tracking_number],
    );
    expect(applied.n).toBe(3);
  });
});
