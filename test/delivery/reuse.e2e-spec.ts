import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { DeliveryHttp, oneStepDefinition, pdfBytes, sha256 } from './support/delivery-fixture';

/** Issue 12, acceptance 2: reuse of an earlier result of the same applicant, recorded, within scope only. */
describe('results and reuse (issue 12, acceptance 2)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let workflow: WorkflowHttp;
  let desk: Actor;
  let officer: Actor;
  let foreignDesk: Actor;
  let procedureId: string;
  const applicant = { name: 'Lê Thị Hồng', identityNumber: '001190077777' };

  beforeAll(async () => {
    services = await startTestServices();
    http = new DeliveryHttp(services);
    workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    officer = catalog.actor('000.21.12.H62', 'agency_officer');
    foreignDesk = catalog.actor('000.21.13.H62', 'desk_officer');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.publishDefinition(
      catalog.actor('000.00.00.H62', 'admin'),
      procedureId,
      oneStepDefinition('1.001193'),
    );
  });

  afterAll(async () => {
    await services?.close();
  });

  async function attachResult(actor: Actor, dossierId: string, bytes: Buffer) {
    return http
      .http()
      .post(`/dossiers/${dossierId}/result`)
      .set(await http.auth(actor))
      .field('decisionNumber', '15/TLKS')
      .field('kind', 'certificate')
      .field('issuedOn', '2026-11-26')
      .field('signer', 'Nguyễn Văn Bình, Chủ tịch UBND xã')
      .attach('file', bytes, { filename: 'giay-khai-sinh.pdf', contentType: 'application/pdf' });
  }

  it('a new dossier reuses an earlier result of the same applicant; the reuse is recorded', async () => {
    const earlier = await http.accept(desk, procedureId, ['TK', 'GCS'], applicant);
    await services.waitUntilIdle();
    const resultBytes = pdfBytes(3000);
    const attached = await attachResult(officer, earlier.id, resultBytes);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ decisionNumber: '15/TLKS', sha256: sha256(resultBytes), digitized: true });
    await workflow.completeOpen(officer, earlier.id, 'process');
    const result = await http
      .http()
      .get(`/dossiers/${earlier.id}/result`)
      .set(await http.auth(desk))
      .expect(200);
    expect(result.body.id).toBe(attached.body.id);

    const later = await http.accept(desk, procedureId, ['TK', 'GCS'], applicant);
    const offered = await http
      .http()
      .get(`/dossiers/${later.id}/reusable-files`)
      .set(await http.auth(desk))
      .expect(200);
    expect(offered.body).toEqual([
      expect.objectContaining({
        kind: 'result',
        id: attached.body.id,
        dossierId: earlier.id,
        sha256: sha256(resultBytes),
      }),
    ]);
    const reused = await http
      .http()
      .post(`/dossiers/${later.id}/documents/reuse`)
      .set(await http.auth(desk))
      .send({ checklistCode: 'GCS', kind: 'result', sourceId: attached.body.id });
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({
      checklistCode: 'GCS',
      source: 'reused-result',
      reusedFromDossierId: earlier.id,
      sha256: sha256(resultBytes),
    });
    // Recorded: the document row names its source, and the dossier's history has the reuse event.
    const [row] = await services.dataSource.query(
      `SELECT source, reused_result_id, reused_from_dossier_id FROM dossier_document WHERE id = $1`,
      [reused.body.id],
    );
    expect(row).toEqual({
      source: 'reused-result',
      reused_result_id: attached.body.id,
      reused_from_dossier_id: earlier.id,
    });
    const events = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'document-reused'`,
      [later.id],
    );
    expect(events).toEqual([
      { payload: expect.objectContaining({ reusedKind: 'result', reusedId: attached.body.id, checklistCode: 'GCS' }) },
    ]);
    // The reused file is the same bytes.
    const file = await http
      .http()
      .get(`/dossiers/${later.id}/documents/${reused.body.id}/file`)
      .set(await http.auth(desk))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(resultBytes));

    // Another agency's desk, same applicant: neither sees nor reuses the result.
    const elsewhere = await http.accept(foreignDesk, procedureId, ['TK', 'GCS'], applicant);
    const foreignOffer = await http
      .http()
      .get(`/dossiers/${elsewhere.id}/reusable-files`)
      .set(await http.auth(foreignDesk))
      .expect(200);
    expect(foreignOffer.body).toEqual([]);
    const foreignReuse = await http
      .http()
      .post(`/dossiers/${elsewhere.id}/documents/reuse`)
      .set(await http.auth(foreignDesk))
      .send({ checklistCode: 'GCS', kind: 'result', sourceId: attached.body.id });
    expect(foreignReuse.status).toBe(422);
    expect(foreignReuse.body.message).toMatch(/within your scope/);
    await http
      .http()
      .get(`/dossiers/${earlier.id}/result`)
      .set(await http.auth(foreignDesk))
      .expect(404);
    // Nor can a desk reuse another applicant's file into its own dossier.
    const stranger = await http.accept(desk, procedureId, ['TK', 'GCS'], {
      name: 'Phạm Văn Khác',
      identityNumber: '001190066666',
    });
    const strangerReuse = await http
      .http()
      .post(`/dossiers/${stranger.id}/documents/reuse`)
      .set(await http.auth(desk))
      .send({ checklistCode: 'GCS', kind: 'result', sourceId: attached.body.id });
    expect(strangerReuse.status).toBe(422);
  });

  it('only the open last processing step attaches the result', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS'], applicant);
    await services.waitUntilIdle();
    // The desk officer is not the processing agency's officer role; a foreign-agency officer has no step.
    expect((await attachResult(desk, dossier.id, pdfBytes(500))).status).toBe(403);
    const foreignOfficer = {
      ...foreignDesk,
      userId: `${foreignDesk.userId.slice(0, -4)}beef`,
      roles: ['agency_officer'],
    } as Actor;
    expect((await attachResult(foreignOfficer, dossier.id, pdfBytes(500))).status).toBe(404);
    const wrongType = await attachResult(officer, dossier.id, Buffer.from('plain text, not a scan'));
    expect(wrongType.status).toBe(415);
    await workflow.completeOpen(officer, dossier.id, 'process');
    // The step is closed: nothing left to attach from.
    expect((await attachResult(officer, dossier.id, pdfBytes(500))).status).toBe(404);
  });
});
