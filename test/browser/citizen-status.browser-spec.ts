/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { acceptDossier, returnAtDesk } from '../citizens/support/citizen-fixture';
import {
  dossierAwaitingPayment,
  OpenDossier,
  PaymentWorld,
  startPaymentWorld,
} from '../payment/support/payment-fixture';
import { waitFor } from '../support/test-config';
import { launchBrowser, newPage, screenshot, seriousAxeViolations } from './support/browser';

const PHONE = { width: 390, height: 844 };

/**
 * Issue 14, acceptance 2: a citizen on a phone opens the public status page with code + secret, sees the status in
 * plain words and the timeline, pays the open fee through the sandbox gateway, and rates the service after the
 * return; a wrong secret shows exactly what an unknown code shows. Screenshots in .local/test-artifacts/screenshots.
 */
describe('citizen status page on a phone (issue 14, acceptance 2)', () => {
  let world: PaymentWorld;
  let browser: Browser;
  let page: Page;
  let awaitingPayment: OpenDossier;

  beforeAll(async () => {
    world = await startPaymentWorld({ PUBLIC_THROTTLE_LIMIT: '1000' });
    awaitingPayment = await dossierAwaitingPayment(world);
    browser = await launchBrowser();
    page = await newPage(browser, PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.services.close();
  });

  async function lookUp(code: string, secret: string): Promise<void> {
    await page.goto(`${world.base}/app/tra-cuu?code=${encodeURIComponent(code)}`);
    await page.getByLabel('Mã hồ sơ').waitFor();
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
    await page.getByLabel('Mã tra cứu').fill(secret);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.locator('section.citizen-status, .citizen-not-found').first().waitFor();
  }

  const timeline = () => page.locator('.citizen-timeline li span').allTextContents();

  it('shows the status in plain words and the timeline, and pays the open fee through the sandbox gateway', async () => {
    await lookUp(awaitingPayment.code, awaitingPayment.lookupSecret);
    await expect(page.locator('.citizen-state').textContent()).resolves.toBe('Tình trạng: Chờ nộp phí, lệ phí');
    expect(await timeline()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Đã tiếp nhận hồ sơ/), 'Yêu cầu nộp phí, lệ phí 100.000 đ']),
    );
    expect(await page.locator('.citizen-needed li').first().textContent()).toMatch(
      /^Nộp phí, lệ phí 100\.000 đ trước /,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'citizen-1-awaiting-payment-phone');

    await page.getByRole('button', { name: 'Thanh toán trực tuyến 100.000 đ' }).click();
    // The pay URL (the gateway's) opens the sandbox gateway's page, a page of the web front end like every other.
    await page.waitForURL(/\/app\/sandbox\/vnpay\?.*vnp_SecureHash=/);
    await page.getByRole('region', { name: 'Giao dịch' }).getByText('100.000 đ').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'citizen-2-sandbox-gateway');
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    // The gateway's return URL opens the outcome page with the gateway's signed answer.
    await page.waitForURL(/\/app\/thanh-toan\?.*vnp_ResponseCode=00/);
    await page.getByRole('heading', { level: 1, name: 'Giao dịch thanh toán thành công' }).waitFor();
    expect(await page.getByRole('region', { name: 'Kết quả thanh toán' }).textContent()).toContain(
      awaitingPayment.code,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-3-gateway-return');
    await waitFor('the IPN to record the payment', async () => {
      const [row] = await world.services.dataSource.query(`SELECT status FROM payment_request WHERE id = $1`, [
        awaitingPayment.request.id,
      ]);
      return row.status === 'paid' ? row : undefined;
    });
    await world.services.waitUntilIdle();

    await lookUp(awaitingPayment.code, awaitingPayment.lookupSecret);
    expect(await timeline()).toContain('Đã nộp phí, lệ phí');
    expect(await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).count()).toBe(0);
    await screenshot(page, 'citizen-4-paid-phone');
  });

  it('shows the same page for a wrong secret as for an unknown code', async () => {
    await lookUp(awaitingPayment.code, 'SAIMA12345');
    const wrongSecret = await page.locator('main').evaluate((main) => {
      const clone = main.cloneNode(true) as HTMLElement;
      return { text: clone.innerText, statusShown: !!main.querySelector('section.citizen-status') };
    });
    await screenshot(page, 'citizen-5-wrong-secret');
    await lookUp('000.00.12.H62-991231-9999', 'SAIMA12345');
    const unknownCode = await page.locator('main').evaluate((main) => ({
      text: (main.cloneNode(true) as HTMLElement).innerText,
      statusShown: !!main.querySelector('section.citizen-status'),
    }));
    await screenshot(page, 'citizen-6-unknown-code');
    expect(wrongSecret.statusShown).toBe(false);
    expect(await page.locator('.citizen-not-found').textContent()).toMatch(/^Không tìm thấy hồ sơ/);
    // Identical apart from the code the person typed (it stays in its field).
    expect(wrongSecret.text).toBe(unknownCode.text);
  });

  it('rates the service after the result was returned, once', async () => {
    const { services, catalog } = world;
    const admin = world.admin;
    const desk = catalog.actor('000.21.12.H62', 'desk_officer');
    const officer = catalog.actor('000.21.12.H62', 'agency_officer');
    const procedureId = catalog.procedures.get('1.001193')!.id;
    await world.api.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Ngô Thị Lan',
      identityNumber: '001190000501',
    });
    await returnAtDesk(
      services,
      { desk, officer, admin },
      dossier.id,
      (duration) => world.api.advance(admin, duration),
      () => world.api.completeOpen(officer, dossier.id, 'process'),
    );

    await lookUp(dossier.code, dossier.lookupSecret);
    await expect(page.locator('.citizen-state').textContent()).resolves.toBe('Tình trạng: Đã trả kết quả');
    expect(await timeline()).toEqual(expect.arrayContaining(['Đã có kết quả', 'Đã trả kết quả']));
    await screenshot(page, 'citizen-7-returned-rating-form');
    await page.getByLabel('Rất hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình, trả kết quả sớm.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá').first().waitFor();
    await screenshot(page, 'citizen-8-rated');
    const rows = await services.dataSource.query(
      `SELECT level, comment, via FROM satisfaction_rating WHERE dossier_id = $1`,
      [dossier.id],
    );
    expect(rows).toEqual([
      { level: 'very-satisfied', comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.', via: 'link' },
    ]);

    await lookUp(dossier.code, dossier.lookupSecret);
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    expect(await page.getByText('Cảm ơn Ông/Bà đã đánh giá: Rất hài lòng.').count()).toBe(1);
  });
});
