import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { startTestServices, TestServices } from '../support/test-services';
import { authHeader, registerActors } from './support/act-as';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

const pdfParse: (buffer: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

/**
 * Hand-computed legal cases through HTTP with the test clock: what forms 01 and 03 print (Vietnamese date and time
 * in Asia/Ho_Chi_Minh) against what is stored. Birth registration 1.001193: 1 working day, cut-off 15:00, office
 * hours 07:00–11:30 and 13:30–17:00.
 */
const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';
// Thu 19 Nov 2026 15:00:40 in Hà Nội (08:00:40Z): "at 15:00" to the minute the receipt prints, so not after the
// cut-off: 2 h Thu (less 40 s) + 4.5 h + 1.5 h Fri → appointment Fri 20 Nov 2026 15:00:40.
const NOW = '2026-11-19T15:00:40+07:00';

function binaryParser(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('printed forms match the stored legal facts (form 01, 03)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let desk: Actor;
  let admin: Actor;
  const http = () => request(services.api.getHttpServer());
  const register = (body: Record<string, unknown>) =>
    http().post('/dossiers').set(authHeader(desk)).set('Idempotency-Key', randomUUID()).send(body);
  const birth = (overrides: Record<string, unknown> = {}) => ({
    procedureId: catalog.procedures.get(BIRTH)!.id,
    channel: 'in-person',
    applicant: { name: 'Phạm Thị Lan', identityNumber: '001190012345', address: 'Thôn Đông', phone: '0912345678' },
    documents: [
      { code: 'TK', form: 'original', count: 1 },
      { code: 'GCS', form: 'original', count: 1 },
    ],
    outcome: 'accept',
    ...overrides,
  });
  const pdfText = async (path: string) => {
    const response = await http().get(path).set(authHeader(desk)).buffer(true).parse(binaryParser).expect(200);
    return (await pdfParse(response.body as Buffer)).text.replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    await registerActors(services, desk, admin);
    await http().post('/admin/clock').set(authHeader(admin)).send({ at: NOW, frozen: true }).expect(200);
  });

  afterAll(async () => {
    await services?.close();
  });

  it('form 01 prints the reception and the stored appointment in Vietnam time, and the legal time pinned at intake', async () => {
    const created = await register(birth()).expect(201);
    expect(created.body.receivedAt).toBe('2026-11-19T08:00:40.000Z');
    expect(created.body.appointmentAt).toBe('2026-11-20T08:00:40.000Z');
    expect(created.body.ruleSetId).toBe('ND118-2025');

    // The catalog changes the procedure to 4 working hours after the receipt was given: before the fix a reprint
    // said "4 giờ làm việc" next to an appointment computed from 1 working day.
    await http()
      .patch(`/admin/procedures/${catalog.procedures.get(BIRTH)!.id}`)
      .set(authHeader(admin))
      .send({ legalTimeValue: 4, legalTimeUnit: 'working-hours' })
      .expect(200);
    const text = await pdfText(`/dossiers/${created.body.id}/receipt.pdf`);
    expect(text).toContain('1 ngày làm việc');
    expect(text).not.toContain('4 giờ làm việc');
    expect(text).toContain('15 giờ 00 phút, ngày 19/11/2026');
    expect(text).toContain('15 giờ 00 phút, ngày 20/11/2026');
    expect(text).toContain('TT 03/2025/TT-VPCP');
  });

  it('form 03 (refusal at the desk) is dated on the service clock at reception, not the database time', async () => {
    const refused = await register(
      birth({ outcome: 'refuse', refusalReason: 'Thủ tục không thuộc thẩm quyền của UBND xã' }),
    ).expect(201);
    const text = await pdfText(`/dossiers/${refused.body.id}/refusal.pdf`);
    // The test clock says 19 Nov 2026; the database's own clock says the real date (the form printed it before).
    expect(text).toMatch(/ngày 19 tháng 11 năm 2026/);
  });

  it('the test clock refuses an instant whose Hà Nội date is year 10000 (400, not a 500 at the next intake)', async () => {
    const refused = await http()
      .post('/admin/clock')
      .set(authHeader(admin))
      .send({ at: '9999-12-31T23:59:00Z', frozen: true })
      .expect(400);
    expect(JSON.stringify(refused.body.message)).toMatch(/at must be an ISO 8601 instant .*years 1900–9899/);
    await http()
      .post('/admin/clock')
      .set(authHeader(admin))
      .send({ at: '9899-12-31T00:00:00Z', frozen: true })
      .expect(200);
    const advanced = await http().post('/admin/clock/advance').set(authHeader(admin)).send({ days: 3660 }).expect(400);
    expect(advanced.body.message).toMatch(/^at: the test clock must stay within/);
    const now = await http().post('/admin/clock').set(authHeader(admin)).send({ at: NOW, frozen: true }).expect(200);
    expect(now.body.now).toBe('2026-11-19T08:00:40.000Z');
  });
});
