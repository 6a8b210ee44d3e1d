/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser, newPage, screenshot, seriousAxeViolations, signIn } from './support/browser';
import { ConsoleWorld, startConsoleWorld } from './support/console-world';

/**
 * Issue 13, acceptance 3 and 4 at the desk: a double click and a replay after a network error each create one
 * dossier (one Idempotency-Key per form); the API's field-level error is shown beside the field it names.
 */
describe('desk intake form: one dossier per form, API errors beside their field (issue 13)', () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;
  const intakes: Request[] = [];

  beforeAll(async () => {
    world = await startConsoleWorld();
    browser = await launchBrowser();
    page = await newPage(browser);
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/dossiers') intakes.push(request);
    });
    await signIn(page, world.baseUrl, world.demo.desk.username, world.demo.desk.password);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.services.close();
  });

  const fillForm = async (applicantName: string, identityNumber: string) => {
    await page.goto(`${world.baseUrl}/app/desk`);
    await page.getByLabel('Tìm thủ tục theo mã hoặc tên').fill('1.000775');
    await page.getByRole('radio', { name: /1\.000775/ }).check();
    await page.getByLabel('Họ và tên').fill(applicantName);
    await page.getByLabel('Số CCCD/CMND').fill(identityNumber);
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Địa chỉ').fill('Thôn Đông, xã An Hòa');
  };

  const dossiersOf = async (applicantName: string): Promise<Array<{ code: string }>> =>
    world.services.dataSource.query(`SELECT code FROM dossier WHERE applicant->>'name' = $1`, [applicantName]);

  it('(3) two rapid clicks on "Ghi nhận hồ sơ" create one dossier', async () => {
    intakes.length = 0;
    await fillForm('Trần Thị Hai Lần', '001090000001');
    // Both clicks land before the page re-renders the button as busy.
    await page.evaluate(() => {
      const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Ghi nhận hồ sơ')!;
      button.click();
      button.click();
    });
    const result = page.locator('section[data-dossier-code]');
    await result.waitFor();
    const code = await result.getAttribute('data-dossier-code');
    await world.services.waitUntilIdle();
    expect(await dossiersOf('Trần Thị Hai Lần')).toEqual([{ code }]);
    const keys = new Set(intakes.map((request) => request.headers()['idempotency-key']));
    expect(keys.size).toBe(1);
  });

  it('(3) a retry after a network error (the response lost on the way back) returns the same dossier', async () => {
    intakes.length = 0;
    let first: { code: string } | null = null;
    await page.route(`${world.baseUrl}/dossiers`, async (route) => {
      if (first || route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch(); // the API creates the dossier…
      first = (await response.json()) as { code: string };
      await route.abort('connectionreset'); // …and the answer never reaches the browser.
    });
    await fillForm('Lê Văn Mạng Chập', '001090000002');
    await page.getByRole('button', { name: 'Ghi nhận hồ sơ' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ' }).waitFor();
    await screenshot(page, '10-desk-network-error');
    await page.getByRole('button', { name: 'Ghi nhận hồ sơ' }).click();
    const result = page.locator('section[data-dossier-code]');
    await result.waitFor();
    await page.unroute(`${world.baseUrl}/dossiers`);
    expect(first).not.toBeNull();
    expect(await result.getAttribute('data-dossier-code')).toBe(first!.code);
    expect(await dossiersOf('Lê Văn Mạng Chập')).toEqual([{ code: first!.code }]);
    expect(intakes).toHaveLength(2);
    expect(intakes[0].headers()['idempotency-key']).toBe(intakes[1].headers()['idempotency-key']);
    // A new form gets a new key.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await fillForm('Phạm Thị Mới', '001090000003');
    await page.getByRole('button', { name: 'Ghi nhận hồ sơ' }).click();
    await result.waitFor();
    expect(intakes).toHaveLength(3);
    expect(intakes[2].headers()['idempotency-key']).not.toBe(intakes[0].headers()['idempotency-key']);
  });

  it('(4) an invalid identity number refused by the API is shown beside that field', async () => {
    await fillForm('Võ Văn Sai Số', '12345');
    // Submit from the field itself (Enter): no client-side check runs on leaving it, so the message is the API's.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/dossiers'),
      page.getByLabel('Số CCCD/CMND').press('Enter'),
    ]);
    expect(response.status()).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('identityNumber');
    const input = page.getByLabel('Số CCCD/CMND');
    const error = page.locator('[data-field-error="applicant.identityNumber"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('12 chữ số');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    // The error sits beside its field: in the same field wrapper, right below the input.
    const [inputBox, errorBox] = [await input.boundingBox(), await error.boundingBox()];
    expect(errorBox!.y).toBeGreaterThan(inputBox!.y);
    expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(40);
    expect(await page.locator('[data-field-error]').count()).toBe(1);
    expect(await dossiersOf('Võ Văn Sai Số')).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, '11-desk-field-error-from-api');
  });
});
