import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DocumentStorage, LocalDiskStorage, sweepOrphanedFiles } from '@motcua/integrations';
import { DossierDocumentRepository } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DossierRepository } from '@motcua/persistence';
import { UploadDocumentUseCase } from '../../apps/api/src/documents/upload-document.use-case';
import type { UploadedTemporaryFile } from '../../apps/api/src/documents/uploaded-file';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { waitFor } from '../support/test-config';
import { DeliveryHttp, pdfBytes, sha256 } from './support/delivery-fixture';

/** Issue 12, acceptance 3: upload limits, concurrent uploads of one item, nothing half-written. */
describe('dossier documents (issue 12, acceptance 3)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let desk: Actor;
  let procedureId: string;
  let root: string;

  beforeAll(async () => {
    services = await startTestServices({ DOCUMENT_MAX_FILE_BYTES: '4096', DOCUMENT_MAX_DOSSIER_BYTES: '10000' });
    http = new DeliveryHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    procedureId = catalog.procedures.get('1.001193')!.id;
    root = join(resolve(services.config.DATA_DIR), 'documents');
  });

  afterAll(async () => {
    await services?.close();
  });

  const temporaryFiles = async () => readdir(join(root, 'tmp')).catch(() => [] as string[]);

  it('stores a PDF with its SHA-256 and content type from the bytes, and serves the same bytes back', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS']);
    const bytes = pdfBytes(2000);
    const uploaded = await http.upload(desk, dossier.id, 'TK', bytes, 'tờ khai.bin');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      checklistCode: 'TK',
      contentType: 'application/pdf',
      sizeBytes: 2000,
      sha256: sha256(bytes),
      digitized: true,
      source: 'desk-upload',
      fileName: 'tờ khai.bin',
    });
    const listed = await http
      .http()
      .get(`/dossiers/${dossier.id}/documents`)
      .set(await http.auth(desk))
      .expect(200);
    expect(listed.body.map((document: { id: string }) => document.id)).toEqual([uploaded.body.id]);
    const file = await http
      .http()
      .get(`/dossiers/${dossier.id}/documents/${uploaded.body.id}/file`)
      .set(await http.auth(desk))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(bytes));
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256(bytes), 'hex').toString('base64')}:`);
  });

  it('refuses oversize, wrong-type-by-content and empty files with a 4xx saying why, and keeps nothing', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS']);
    const oversize = await http.upload(desk, dossier.id, 'TK', pdfBytes(5000));
    expect(oversize.status).toBe(413);
    expect(oversize.body.message).toMatch(/limit of 4096 bytes per file/);

    // Named .pdf and declared application/pdf, but the bytes are HTML.
    const html = Buffer.from('<html><body>not a scan</body></html>');
    const wrongType = await http.upload(desk, dossier.id, 'TK', html, 'scan.pdf');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.message).toMatch(/not a PDF, JPEG, PNG or TIFF/);

    const empty = await http.upload(desk, dossier.id, 'TK', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/empty/);

    const unknownItem = await http.upload(desk, dossier.id, 'NOPE', pdfBytes(100));
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.message).toMatch(/checklistCode: 'NOPE' is not a document/);

    const noFile = await http
      .http()
      .post(`/dossiers/${dossier.id}/documents`)
      .set(await http.auth(desk))
      .field('checklistCode', 'TK');
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toMatch(/"file" is required/);

    const malformed = await http
      .http()
      .post(`/dossiers/${dossier.id}/documents`)
      .set(await http.auth(desk))
      .set('content-type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-');
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);

    await services.waitUntilIdle();
    expect(await new DossierDocumentRepository(services.dataSource.manager).listCurrent(dossier.id)).toEqual([]);
    // multer removes a refused part's temporary file once the response is on its way: wait for it, never assume it.
    await waitFor(
      'refused uploads to leave no temporary file',
      async () => (await temporaryFiles()).length === 0,
      10000,
    );
    expect(await temporaryFiles()).toEqual([]);
  });

  it('refuses a document that would take the dossier over its total (413)', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS', 'UQ']);
    expect((await http.upload(desk, dossier.id, 'TK', pdfBytes(4000))).status).toBe(201);
    expect((await http.upload(desk, dossier.id, 'GCS', pdfBytes(4000))).status).toBe(201);
    const third = await http.upload(desk, dossier.id, 'UQ', pdfBytes(4000));
    expect(third.status).toBe(413);
    expect(third.body.message).toMatch(/would total 12000 bytes, above the limit of 10000 bytes per dossier/);
    // Replacing an item counts the new size instead of the old one.
    expect((await http.upload(desk, dossier.id, 'GCS', pdfBytes(1000))).status).toBe(201);
  });

  it('keeps one consistent record when uploads of one checklist item race', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS']);
    const files = Array.from({ length: 8 }, (_, index) => pdfBytes(1000 + index));
    const responses = await Promise.all(files.map((bytes) => http.upload(desk, dossier.id, 'GCS', bytes)));
    expect(responses.map((response) => response.status)).toEqual(files.map(() => 201));
    const current = await new DossierDocumentRepository(services.dataSource.manager).listCurrent(dossier.id);
    expect(current).toHaveLength(1);
    const all: Array<{ sha256: string; storage_key: string; replaced_at: Date | null }> =
      await services.dataSource.query(
        `SELECT sha256, storage_key, replaced_at FROM dossier_document WHERE dossier_id = $1`,
        [dossier.id],
      );
    expect(all).toHaveLength(8);
    expect(all.filter((row) => row.replaced_at === null)).toHaveLength(1);
    // The current record names a stored file whose bytes hash to what the record says.
    const storage = new LocalDiskStorage(root);
    const stored = await storage.read(current[0].storageKey);
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(current[0].sha256);
    expect(files.map(sha256)).toContain(current[0].sha256);
  });

  it('leaves no visible orphan when the process dies between file write and commit; the sweeper removes it', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS']);
    const kept = await http.upload(desk, dossier.id, 'TK', pdfBytes(1500));
    expect(kept.status).toBe(201);
    const real = new LocalDiskStorage(root);
    let orphanKey = '';
    // A storage whose commit succeeds and then the "process dies": the transaction never commits and no cleanup runs.
    const crashing: DocumentStorage = Object.assign(Object.create(real) as DocumentStorage, {
      commit: async (temporaryKey: string, key: string) => {
        await real.commit(temporaryKey, key);
        orphanKey = key;
        throw new Error('simulated crash after the file was committed');
      },
      remove: async () => {
        throw new Error('dead processes clean nothing');
      },
    });
    const useCase = new UploadDocumentUseCase(
      services.dataSource,
      services.api.get(ClockService),
      services.config,
      crashing,
    );
    const temporary = await real.writeTemporary(Readable.from([pdfBytes(1200)]));
    const file: UploadedTemporaryFile = { ...temporary, fieldname: 'file', originalname: 'crash.pdf' };
    await expect(
      useCase.upload({
        findDossier: (manager) => new DossierRepository(manager).findById(dossier.id),
        dossierRef: dossier.id,
        checklistCode: 'GCS',
        digitized: true,
        source: 'desk-upload',
        userId: null,
        file,
      }),
    ).rejects.toThrow(/simulated crash/);

    expect(orphanKey).toMatch(new RegExp(`^documents/${dossier.id}/`));
    expect(await real.exists(orphanKey)).toBe(true);
    // Not visible: no record names it, so neither the list nor any download can reach it.
    const listed = await http
      .http()
      .get(`/dossiers/${dossier.id}/documents`)
      .set(await http.auth(desk))
      .expect(200);
    expect(listed.body.map((document: { checklistCode: string }) => document.checklistCode)).toEqual(['TK']);

    const repository = new DossierDocumentRepository(services.dataSource.manager);
    // Younger than the grace period: left alone (an upload could still be in flight).
    const early = await sweepOrphanedFiles(real, (keys) => repository.referencedStorageKeys(keys), new Date(0));
    expect(early.removedObjects).toEqual([]);
    const swept = await sweepOrphanedFiles(
      real,
      (keys) => repository.referencedStorageKeys(keys),
      new Date(Date.now() + 60_000),
    );
    expect(swept.removedObjects).toEqual([orphanKey]);
    expect(await real.exists(orphanKey)).toBe(false);
    const keptRecord = await repository.findById(kept.body.id);
    expect(await real.exists(keptRecord!.storageKey)).toBe(true);
  });
});
