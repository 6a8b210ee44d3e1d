/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { SubscriberRunnerService } from '@motcua/platform';
import { createTestUser, authHeader } from '../support/auth';
import { launchBrowser, newPage, screenshot, seriousAxeViolations, signIn } from './support/browser';
import { ConsoleWorld, startConsoleWorld } from './support/console-world';

/**
 * Issue 15 acceptance 3: a supervisor opens the dashboard in headless Chromium — indicator tiles against targets
 * (green / red), the six-month trend chart and the agency ranking render with data; the late list is filtered by
 * channel and by code, and a late dossier opens on its page (timeline, control slip). Screenshots under
 * .local/test-artifacts/screenshots/dashboard-*.png. Issue 18: the what-if simulation page from the navigation.
 */
describe('supervisors’ dashboard in the browser (issue 15)', () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;
  const codes: string[] = [];

  beforeAll(async () => {
    world = await startConsoleWorld();
    const [agency] = await world.services.dataSource.query(`SELECT id FROM agency WHERE identifier = '000.00.12.H62'`);
    const desk = await createTestUser(world.services.dataSource, { roles: ['desk_officer'], agencyId: agency.id });
    const header = await authHeader(world.services, desk);
    const [procedure] = await world.services.dataSource.query(`SELECT id FROM procedure WHERE code = '1.000775'`);
    for (const channel of ['in-person', 'in-person', 'postal', 'in-person']) {
      const response = await world
        .http()
        .post('/dossiers')
        .set(header)
        .set('Idempotency-Key', randomUUID())
        .send({
          procedureId: procedure.id,
          channel,
          ...(channel === 'postal' ? { receivedAt: new Date().toISOString() } : {}),
          applicant: {
            name: 'Phạm Văn Nam',
            identityNumber: '001090077777',
            address: 'xã An Hòa',
            phone: '0912000333',
          },
          documents: ['DON', 'GTNG'].map((code) => ({ code, form: 'original', count: 1 })),
          outcome: 'accept',
        });
      expect(response.status).toBe(201);
      codes.push(response.body.code);
    }
    // Two in-person dossiers and the postal one are past their appointment (moved back: the clock is real).
    await world.services.dataSource.query(
      `UPDATE dossier SET appointment_at = now() - interval '2 days' WHERE code = ANY($1)`,
      [codes.slice(0, 3)],
    );
    await world.services.waitUntilIdle();
    await world.services.workflow.get(SubscriberRunnerService).runner.drain();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.services.close();
  });

  it('shows tiles against targets, the trend chart and the ranking with data', async () => {
    await signIn(page, world.baseUrl, world.demo.supervisor.username, world.demo.supervisor.password);
    await page.getByRole('link', { name: 'Bảng điều hành' }).click();
    await page.getByRole('heading', { name: 'Bảng điều hành' }).waitFor();
    await page.locator('[data-indicator="online"]').waitFor();
    expect(await page.locator('.indicator-tile').count()).toBe(7);
    // 4 received, none online: 0 % against 50 % — red, and said in words.
    const online = page.locator('[data-indicator="online"]');
    expect(await online.getAttribute('data-met')).toBe('missed');
    expect(await online.textContent()).toMatch(/0 \/ 4.*Chưa đạt chỉ tiêu/);
    const chart = page.locator('.trend-chart');
    await chart.waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    const canvasPainted = await page.locator('.trend-chart canvas').evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((value, index) => index % 4 === 3 && value > 0);
    });
    expect(canvasPainted).toBe(true);
    await page.locator('tr[data-agency]').first().waitFor();
    expect(await page.locator('tr[data-agency]').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-overview');
  });

  it('filters the late list and opens a dossier', async () => {
    const late = page.locator('[data-list="late"]');
    await late.locator('tr[data-dossier-code]').first().waitFor();
    expect(await late.locator('tr[data-dossier-code]').count()).toBe(3);
    await late.getByLabel('Kênh').selectOption('postal');
    await late.locator(`tr[data-dossier-code="${codes[2]}"]`).waitFor();
    expect(await late.locator('tr[data-dossier-code]').count()).toBe(1);
    await late.getByLabel('Kênh').selectOption('');
    await late.locator(`tr[data-dossier-code="${codes[0]}"]`).waitFor();
    expect(await late.locator('tr[data-dossier-code]').count()).toBe(3);
    await late.getByLabel('Tìm mã hồ sơ / thủ tục').fill(codes[1]);
    expect(await late.locator('tr[data-dossier-code]').count()).toBe(1);
    await screenshot(page, 'dashboard-late-filtered');
    await late.getByRole('link', { name: codes[1] }).click();
    await page.getByRole('heading', { name: new RegExp(codes[1]) }).waitFor();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    await screenshot(page, 'dashboard-dossier');
  });

  it('runs a what-if simulation with baseline and scenario side by side, also on a phone (issue 18)', async () => {
    await page.getByRole('link', { name: 'Mô phỏng' }).click();
    await page.getByRole('heading', { name: 'Mô phỏng kịch bản' }).waitFor();
    await page.getByLabel('Hồ sơ mỗi ngày làm việc').fill('40');
    await page.getByLabel('Mã cơ quan').fill('H62.TP');
    await page.getByLabel('Số cán bộ của cơ quan').fill('1');
    await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();
    const row = page.locator('[data-simulation="done"] tr[data-agency="H62.TP"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // One officer at the civil-status agency: more late steps than with its current staff.
    expect(Number(cells[2])).toBeGreaterThan(Number(cells[1]));
    expect(Number(await page.locator('.comparison-chart').getAttribute('data-bars'))).toBeGreaterThan(5);
    expect(await page.locator('[data-outcome]').count()).toBe(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'simulation-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('exports the report and fits a phone screen', async () => {
    await page.getByRole('link', { name: 'Bảng điều hành' }).click();
    await page.getByRole('button', { name: 'Xuất báo cáo (XLSX)' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất báo cáo (XLSX)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^bao-cao-.*\.xlsx$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-indicator="onTime"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
  });
});
