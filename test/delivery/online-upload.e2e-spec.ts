import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { DeliveryHttp, pdfBytes, pngBytes, sha256 } from './support/delivery-fixture';

/**
 * Issue 12 ("uploads (multipart) from the desk's scanner and from online applicants"): an online applicant uploads a
 * document for a checklist item of their own dossier with the code and the lookup secret — no account; stored with
 * its SHA-256, sniffed type and `portal-upload` source, not digitized; the desk sees it. Wrong secret or another
 * dossier's code: 404 and no file kept; bad files 4xx like the desk's.
 */
describe('online applicant uploads (issue 12)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let desk: Actor;
  let procedureId: string;
  let agencyId: string;

  beforeAll(async () => {
    services = await startTestServices({ PUBLIC_THROTTLE_LIMIT: '1000' });
    http = new DeliveryHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    procedureId = catalog.procedures.get('1.001193')!.id;
    agencyId = catalog.agencies.get('000.21.12.H62')!.id;
  });

  afterAll(async () => {
    await services?.close();
  });

  const submitOnline = async (): Promise<{ id: string; code: string; lookupSecret: string }> => {
    const response = await http
      .http()
      .post('/portal/dossiers')
      .set('Idempotency-Key', `portal-${randomUUID()}`)
      .send({
        procedureId,
        receivingAgencyId: agencyId,
        applicant: { name: 'Đỗ Văn Hùng', identityNumber: '001090077777', address: 'Thôn Đông', phone: '0912777777' },
        documents: [
          { code: 'TK', form: 'original', count: 1 },
          { code: 'GCS', form: 'original', count: 1 },
        ],
      });
    expect(response.status).toBe(201);
    return response.body;
  };
  const upload = (
    code: string,
    secret: string | null,
    checklistCode: string,
    bytes: Buffer,
    type = 'application/pdf',
  ) => {
    const request = http.http().post(`/public/dossiers/${encodeURIComponent(code)}/documents`);
    if (secret !== null) request.set('X-Lookup-Secret', secret);
    return request
      .field('checklistCode', checklistCode)
      .attach('file', bytes, { filename: 'tờ-khai.pdf', contentType: type });
  };
  const temporaryFiles = async () =>
    readdir(join(resolve(services.config.DATA_DIR), 'documents', 'tmp')).catch(() => [] as string[]);

  it('stores the applicant’s file for a checklist item, not digitized, and the desk sees it', async () => {
    const dossier = await submitOnline();
    const bytes = pdfBytes(2200);
    const stored = await upload(dossier.code, dossier.lookupSecret, 'TK', bytes);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      checklistCode: 'TK',
      fileName: 'tờ-khai.pdf',
      contentType: 'application/pdf',
      sha256: sha256(bytes),
      digitized: false,
      source: 'portal-upload',
    });
    const listed = await http
      .http()
      .get(`/dossiers/${dossier.id}/documents`)
      .set(await http.auth(desk))
      .expect(200);
    expect(listed.body.map((document: { id: string }) => document.id)).toEqual([stored.body.id]);
    const [event] = await services.dataSource.query(
      `SELECT payload->>'source' AS source, actor_user_id FROM dossier_event WHERE dossier_id = $1 AND type = 'document-attached'`,
      [dossier.id],
    );
    expect(event).toEqual({ source: 'portal-upload', actor_user_id: null });
  });

  it("refuses a wrong secret and another dossier's code alike (404), keeping no file", async () => {
    const mine = await submitOnline();
    const theirs = await submitOnline();
    const wrong = await upload(mine.code, 'WRONGSECRET1', 'TK', pdfBytes());
    expect(wrong.status).toBe(404);
    const crossed = await upload(theirs.code, mine.lookupSecret, 'TK', pdfBytes());
    expect(crossed.status).toBe(404);
    expect(crossed.body.message).toBe(wrong.body.message.replace(mine.code, theirs.code));
    const unknown = await upload('000.00.00.H62-000000-9999', mine.lookupSecret, 'TK', pdfBytes());
    expect(unknown.status).toBe(404);
    const rows = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM dossier_document WHERE dossier_id = ANY($1::uuid[])`,
      [[mine.id, theirs.id]],
    );
    expect(rows[0].n).toBe(0);
    expect(await temporaryFiles()).toEqual([]);
  });

  it.each([
    ['no secret', null, 'TK', pdfBytes(), 'application/pdf', 400, /X-Lookup-Secret/],
    ['a malformed secret', '<script>', 'TK', pdfBytes(), 'application/pdf', 400, /X-Lookup-Secret/],
    ['an item the procedure does not have', 'SECRET', 'NOPE', pdfBytes(), 'application/pdf', 400, /checklistCode/],
    ['an empty file', 'SECRET', 'TK', Buffer.alloc(0), 'application/pdf', 400, /empty/],
    ['text posing as a PDF', 'SECRET', 'TK', Buffer.from('plain text, not a scan'), 'application/pdf', 415, /PDF/],
  ])('refuses %s', async (_label, secret, item, bytes, type, status, message) => {
    const dossier = await submitOnline();
    const response = await upload(dossier.code, secret === 'SECRET' ? dossier.lookupSecret : secret, item, bytes, type);
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).toMatch(message);
    expect(await temporaryFiles()).toEqual([]);
  });

  it('accepts an image (type from the bytes) and refuses once the dossier is closed (withdrawn)', async () => {
    const dossier = await submitOnline();
    const image = await upload(dossier.code, dossier.lookupSecret, 'GCS', pngBytes(900), 'application/octet-stream');
    expect(image.status).toBe(201);
    expect(image.body.contentType).toBe('image/png');
    await http
      .http()
      .post(`/dossiers/${dossier.id}/withdraw`)
      .set(await http.auth(desk))
      .send({ reason: 'người nộp rút hồ sơ' })
      .expect(200);
    const closed = await upload(dossier.code, dossier.lookupSecret, 'TK', pdfBytes());
    expect(closed.status).toBe(409);
  });
});
