/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webConsoleDirectory } from '../../../apps/api/src/web-console/web-console';

const ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, '.local', 'test-artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
/** Debian's chromium (scripts/chromium.sh installs it). */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Headless Debian Chromium; --no-sandbox because CI runs as root (Chromium refuses its sandbox there). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(webConsoleDirectory(), 'index.html'))) {
    throw new Error('the web console is not built (dist/web/index.html missing): run npm run build first');
  }
  const executablePath = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) throw new Error('Chromium not found: run bash scripts/chromium.sh (apt-get install chromium)');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A page at the console's reference size (1366×768), Vietnamese locale, Hà Nội time. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

/** Signs in through the login form with the keyboard alone (the username field has focus on load). */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
}

/** Saves a full-page screenshot under .local/test-artifacts/screenshots (listed at the end of npm test). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core (WCAG 2 A/AA rules): the serious and critical violations of the current page. */
export async function seriousAxeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Navigation timing of the last load: from the request to `load` and to the first contentful paint. */
export async function loadTiming(page: Page): Promise<{ loadMs: number; firstContentfulPaintMs: number | null }> {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      loadMs: Math.round(navigation.loadEventEnd - navigation.startTime),
      firstContentfulPaintMs: paint ? Math.round(paint.startTime) : null,
    };
  });
}

/** Appends a section to the web console report (.local/test-artifacts/web-console-report.md). */
export function writeReport(name: string, markdown: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `web-console-${name}.md`);
  writeFileSync(path, markdown);
  return path;
}
