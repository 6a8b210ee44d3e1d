// pdf-parse's index.js runs a debug self-test when required directly; the lib file does not.

const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { ClockService } from '@motcua/platform';
import { GenerateCalendarYearsUseCase } from '../../apps/workflow/src/calendar/generate-calendar-years.use-case';
import { RecomputeAppointmentsUseCase } from '../../apps/workflow/src/calendar/recompute-appointments.use-case';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/**
 * Issue 10, calendar: an edit answers with a summary and recomputes in the background (batched, progress at a
 * route, no open dossier missed); public holidays are generated for the coming years as editable rows (an admin's
 * edit is never overwritten); a deadline year without calendar rows fails readiness.
 *
 * Hand-computed: received Tue 1 Dec 2026 08:00, birth registration (1 working day) → due Wed 2 Dec 08:00; Wed 2 Dec
 * made a holiday → due Thu 3 Dec 08:00.
 */
const COMMUNE = '000.21.12.H62';
const PROVINCE = '000.00.00.H62';
const BIRTH = '1.001193'; // 1 working day, receiving commune A1

/** Collects a binary response body (PDF, XLSX) as a Buffer. */
function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

const local = (wallTime: string): Date => new Date(`${wallTime}+07:00`);
const iso = (wallTime: string) => local(wallTime).toISOString();

describe('calendar maintenance: background recompute, generated years, readiness (issue 10)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let api: WorkflowHttp;
  let admin: Actor;
  let desk: Actor;
  const accepted: Array<{ id: string; code: string }> = [];

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', DEADLINE_SWEEP_INTERVAL_MS: '500' });
    catalog = await seedCatalog(services.dataSource);
    api = new WorkflowHttp(services);
    admin = catalog.actor(PROVINCE, 'admin');
    desk = catalog.actor(COMMUNE, 'desk_officer');
  });

  afterAll(async () => {
    await services?.close();
  });

  async function moveTo(wallTime: string): Promise<void> {
    const at = local(wallTime);
    await api
      .http()
      .post('/admin/clock')
      .set(await api.auth(admin))
      .send({ at: at.toISOString(), frozen: true })
      .expect(200);
    const workflowClock = services.workflow.get(ClockService);
    await waitFor(`workflow clock at ${wallTime}`, async () => workflowClock.now().getTime() === at.getTime());
  }

  it('answers a calendar edit with a summary and recomputes every open dossier in background batches', async () => {
    await moveTo('2026-12-01T08:00:00');
    for (let i = 0; i < 5; i += 1) {
      accepted.push(await api.accept(desk, catalog.procedures.get(BIRTH)!.id, ['TK', 'GCS']));
    }
    const ids = accepted.map((dossier) => dossier.id);
    await services.waitUntilIdle();
    const appointments = async () =>
      (await services.dataSource.query(`SELECT appointment_at FROM dossier WHERE id = ANY($1::uuid[])`, [ids])).map(
        (row: { appointment_at: Date }) => new Date(row.appointment_at).toISOString(),
      );
    expect(await appointments()).toEqual(Array(5).fill(iso('2026-12-02T08:00:00')));

    services.workflow.get(RecomputeAppointmentsUseCase).batchSize = 2; // 5 dossiers → batches of 2, 2, 1
    const change = await api
      .http()
      .put('/admin/calendar/days/2026-12-02')
      .set(await api.auth(admin))
      .send({ kind: 'holiday', name: 'Nghỉ đột xuất (kiểm thử)' })
      .expect(200);
    expect(change.body.recompute).toMatchObject({ status: 'queued', candidates: 5, processed: 0, updated: 0 });
    expect(JSON.stringify(change.body).length).toBeLessThan(2000); // a summary, not every dossier
    await services.waitUntilIdle();
    const progress = await api
      .http()
      .get(change.body.recompute.progressPath)
      .set(await api.auth(admin))
      .expect(200);
    expect(progress.body).toMatchObject({ status: 'done', candidates: 5, processed: 5, updated: 5 });
    expect(await appointments()).toEqual(Array(5).fill(iso('2026-12-03T08:00:00')));
    const events = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = ANY($1::uuid[]) AND type = 'appointment-recomputed'`,
      [ids],
    );
    expect(events).toHaveLength(5);
    expect(events[0].payload).toMatchObject({
      calendarDate: '2026-12-02',
      calendarRecomputeId: change.body.recompute.id,
    });
    await api
      .http()
      .get('/admin/calendar/recomputes/not-an-id')
      .set(await api.auth(admin))
      .expect(404);
  });

  it('prints form 06 (tracking register) as XLSX and PDF, numbered like the receipts (form 01)', async () => {
    const auth = await api.auth(desk);
    const query = { from: '2026-12-01', to: '2026-12-31' };
    const xlsx = await api
      .http()
      .get('/supervision/tracking-register.xlsx')
      .query(query)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer);
    const sheet = workbook.worksheets[0];
    const rows = [6, 7, 8, 9, 10].map((index) => [
      sheet.getRow(index).getCell(1).value,
      sheet.getRow(index).getCell(2).value,
    ]);
    expect(rows).toEqual(accepted.map((dossier, index) => [index + 1, dossier.code]));

    const pdf = await api.http().get('/supervision/tracking-register.pdf').query(query).set(auth).expect(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const receipt = await api
      .http()
      .get(`/dossiers/${accepted[2].id}/receipt.pdf`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfParse(receipt.body as Buffer)).text.normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toMatch(/Quyển số: 2026/);
    expect(text).toMatch(/Số thứ tự: 3/);

    // Scope: another commune's desk cannot print this one's register; a period over two books is refused.
    const other = await api.auth(catalog.actor('000.21.13.H62', 'desk_officer'));
    await api
      .http()
      .get('/supervision/tracking-register.pdf')
      .query({ ...query, agencyId: catalog.agencies.get(COMMUNE)!.id })
      .set(other)
      .expect(404);
    await api
      .http()
      .get('/supervision/tracking-register.pdf')
      .query({ from: '2026-12-01', to: '2027-01-31' })
      .set(auth)
      .expect(400);
  });

  it('generates the public holidays of the coming years at boot, as rows, never over an admin edit', async () => {
    // Booted in 2026 (real time): 2026–2028 covered; 2028 generated (2025–2027 came with the seed migration).
    const years = await services.dataSource.query(`SELECT year FROM calendar_year ORDER BY year`);
    expect(years.map((row: { year: number }) => row.year)).toEqual(expect.arrayContaining([2026, 2027, 2028]));
    const [tet] = await services.dataSource.query(`SELECT kind, source FROM calendar_day WHERE date = '2028-01-26'`);
    expect(tet).toEqual({ kind: 'holiday', source: 'seed:BLLD2019-ART112' }); // Tết 2028 (1st day of the lunar year)

    // An admin turns a generated holiday into a working day; another generated day is lost; the year is redone.
    await api
      .http()
      .put('/admin/calendar/days/2028-01-26')
      .set(await api.auth(admin))
      .send({ kind: 'working', name: 'Làm việc (quyết định địa phương)' })
      .expect(200);
    await services.dataSource.query(`DELETE FROM calendar_day WHERE date = '2028-04-04'`); // Hùng Kings day 2028
    await services.dataSource.query(`DELETE FROM calendar_year WHERE year = 2028`);
    await moveTo('2026-12-01T09:00:00');
    const generated = await services.workflow.get(GenerateCalendarYearsUseCase).generate();
    expect(generated).toEqual([expect.objectContaining({ year: 2028, daysAdded: 1 })]);
    const [edited] = await services.dataSource.query(`SELECT kind, source FROM calendar_day WHERE date = '2028-01-26'`);
    expect(edited).toEqual({ kind: 'working', source: 'admin' });
    // Generated once: running it again adds nothing.
    expect(await services.workflow.get(GenerateCalendarYearsUseCase).generate()).toEqual([]);
  });

  it('fails readiness while a deadline runs through a year without calendar rows, until it is generated', async () => {
    await moveTo('2029-06-01T09:00:00'); // 2029 has no generated holidays yet
    const down = await api.http().get('/health/ready');
    expect(down.body.checks.calendar.status).toBe('down');
    expect(down.body.checks.calendar.detail).toMatch(/no public holidays for 2029/);
    expect(down.status).toBe(503);
    const generated = await services.workflow.get(GenerateCalendarYearsUseCase).generate();
    expect(generated.map((row) => row.year)).toEqual([2029, 2030, 2031]);
    const [tet2029] = await services.dataSource.query(`SELECT kind FROM calendar_day WHERE date = '2029-02-13'`);
    expect(tet2029).toEqual({ kind: 'holiday' }); // Tết 2029: Tue 13 Feb
    const up = await api.http().get('/health/ready');
    expect(up.body.checks.calendar).toMatchObject({ status: 'ok' });
  });

  it('lists a dossier waiting for a supplement as paused, never late (its appointment is not in force)', async () => {
    // In June 2029 all five dossiers (due Thu 3 Dec 2026) are long past their appointment; one waits for a supplement.
    await services.dataSource.query(`UPDATE dossier SET status = 'awaiting-supplement' WHERE id = $1`, [
      accepted[0].id,
    ]);
    const supervisor = await api.auth(catalog.actor('000.00.12.H62', 'supervisor'));
    // Keyset pages of 3 (docs/PAGINATION.md): every late dossier once, in appointment order, then no cursor.
    const lateIds: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api
        .http()
        .get('/supervision/late-dossiers')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(supervisor)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      lateIds.push(...page.body.items.map((item: { dossierId: string }) => item.dossierId));
      cursor = page.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(lateIds).size).toBe(lateIds.length);
    expect(lateIds).toEqual(expect.arrayContaining(accepted.slice(1).map((dossier) => dossier.id)));
    expect(lateIds).not.toContain(accepted[0].id);
    // One maximum (100) and a 400 naming the parameter for a cursor this endpoint did not hand out.
    const tooLarge = await api.http().get('/supervision/late-dossiers').query({ limit: 500 }).set(supervisor);
    expect(tooLarge.status).toBe(400);
    expect(JSON.stringify(tooLarge.body)).toMatch(/limit/);
    const forged = await api.http().get('/supervision/near-due-dossiers').query({ cursor: 'bm90LWEtY3Vyc29y' });
    expect(forged.status).toBe(401);
    const badCursor = await api
      .http()
      .get('/supervision/near-due-dossiers')
      .query({ cursor: 'bm90LWEtY3Vyc29y' })
      .set(supervisor);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.message).toMatch(/cursor/);
    // The dossier list says the clock is paused and the stored appointment is not the promise in force.
    const listed = await api.http().get('/dossiers').query({ pageSize: 100 }).set(supervisor).expect(200);
    const byId = new Map(listed.body.items.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(accepted[0].id)).toMatchObject({ clockStatus: 'paused', appointmentInForce: false });
    expect(byId.get(accepted[1].id)).toMatchObject({ clockStatus: 'running', appointmentInForce: true });
    const one = await api.http().get(`/dossiers/${accepted[0].id}`).set(supervisor).expect(200);
    expect(one.body).toMatchObject({ status: 'awaiting-supplement', clockStatus: 'paused', appointmentInForce: false });
    const counts = await api.http().get('/supervision/agency-deadline-counts').set(supervisor).expect(200);
    const commune = counts.body.find((row: { agencyId: string }) => row.agencyId === catalog.agencies.get(COMMUNE)!.id);
    expect(commune).toMatchObject({ open: 5, late: 4, paused: 1 });
  });
});
