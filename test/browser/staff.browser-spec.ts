import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { launchBrowser, newPage, screenshot, seriousAxeViolations, signIn, signOut } from './support/browser';
import { ConsoleWorld, startConsoleWorld } from './support/console-world';

/**
 * Issue 13 (admin: staff accounts; agency inbox: assign) in headless Chromium: the admin creates an officer's account
 * (the API's field error beside the field first, then the one-time password shown once), disables and re-enables it;
 * the land office lead assigns a step to that officer, picked by name from the staff directory.
 */
describe('staff accounts and assignment in the console (issue 13)', () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;
  let newUserId: string;

  beforeAll(async () => {
    world = await startConsoleWorld();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.services.close();
  });

  it('the admin creates an officer account (field error beside the field, then a one-time password), disables and re-enables it', async () => {
    await signIn(page, world.baseUrl, world.demo.admin.username, world.demo.admin.password);
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('button', { name: 'Tài khoản cán bộ' }).click();
    const form = page.getByRole('form', { name: 'Tạo tài khoản cán bộ' });
    await form.waitFor();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('x');
    await page.getByLabel('Họ tên', { exact: true }).fill('Hoàng Văn Em');
    await page.getByLabel('Cơ quan').selectOption(await world.agencyId('000.02.02.H62'));
    await form.getByLabel('Chuyên viên').check();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const fieldError = page.locator('[data-field-error="username"]');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/username/);
    await screenshot(page, 'staff-01-field-error');

    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('em.land');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const secret = page.locator('[data-one-time-password]');
    await secret.waitFor();
    const oneTimePassword = (await secret.getAttribute('data-one-time-password'))!;
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await page.locator('tr[data-username="em.land"][data-active="true"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-02-created-with-one-time-password');

    await page.getByRole('button', { name: 'Khóa tài khoản em.land' }).click();
    await page.locator('tr[data-username="em.land"][data-active="false"]').waitFor();
    const refused = await world.http().post('/auth/login').send({ username: 'em.land', password: oneTimePassword });
    expect(refused.status).toBe(401);
    await page.getByRole('button', { name: 'Mở khóa tài khoản em.land' }).click();
    await page.locator('tr[data-username="em.land"][data-active="true"]').waitFor();
    const [user] = await world.services.dataSource.query(
      `SELECT u.id, u.active, u.roles, a.identifier FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE username = 'em.land'`,
    );
    expect(user).toMatchObject({ active: true, roles: ['agency_officer'], identifier: '000.02.02.H62' });
    newUserId = user.id;
  });

  it('the land office lead assigns a step to the new officer, picked by name from the staff directory', async () => {
    const desk = await world.http().post('/auth/login').send(world.demo.desk).expect(200);
    const bearer = { Authorization: `Bearer ${desk.body.accessToken}` };
    const [procedure] = await world.services.dataSource.query(`SELECT id FROM procedure WHERE code = '1.000775'`);
    const intake = await world
      .http()
      .post('/dossiers')
      .set(bearer)
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: procedure.id,
        channel: 'in-person',
        applicant: { name: 'Võ Thị Giang', identityNumber: '001190011223', address: 'Thôn Nam', phone: '0912000222' },
        documents: [
          { code: 'DON', form: 'original', count: 1 },
          { code: 'GTNG', form: 'certified-copy', count: 1 },
        ],
        outcome: 'accept',
      })
      .expect(201);
    await world.services.waitUntilIdle();
    const inbox = await world.http().get('/inbox/steps').set(bearer).expect(200);
    const deskStep = inbox.body.items.find((item: { dossierId: string }) => item.dossierId === intake.body.id);
    await world
      .http()
      .post(`/inbox/steps/${deskStep.id}/complete`)
      .set(bearer)
      .send({ outcome: 'approve', version: deskStep.version })
      .expect(200);
    await world.services.waitUntilIdle();

    await signOut(page);
    await signIn(page, world.baseUrl, world.demo.lead.username, world.demo.lead.password);
    const row = page.locator(`tr[data-dossier-code="${intake.body.code}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: intake.body.code }).click();
    await page.locator('section[data-step-status]').waitFor();
    await page.getByLabel('Giao cho cán bộ').selectOption({ label: 'Hoàng Văn Em (em.land)' });
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await page.locator(`[data-assigned-user="${newUserId}"]`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-03-lead-assigned-the-step');
    const [step] = await world.services.dataSource.query(
      `SELECT assigned_user_id FROM step_task WHERE id = (SELECT id FROM step_task WHERE dossier_id = $1 AND step_id = 'land-registry')`,
      [intake.body.id],
    );
    expect(step.assigned_user_id).toBe(newUserId);
  });
});
