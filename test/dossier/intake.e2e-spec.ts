import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startTestServices, TestServices } from '../support/test-services';
import { authHeader, registerActors } from './support/act-as';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { MotcuaConfig } from '@motcua/config';
import { deriveLookupSecret } from '@motcua/persistence';

const pdfParse: (buffer: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

const COMMUNE = '000.21.12.H62';
const OTHER_COMMUNE = '000.21.13.H62';
const BIRTH = '1.001193'; // 1 working day, cut-off 15:00, all channels
const MARRIAGE = '1.004227'; // in person and online only
// Monday 3 Nov 2025, 10:00 in Hà Nội.
const NOW = '2025-11-03T10:00:00+07:00';

function applicant(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Nguyễn Thị Hương',
    identityNumber: '001190012345',
    address: 'Thôn Đông, xã An Hòa',
    phone: '0912345678',
    email: 'huong@example.vn',
    ...overrides,
  };
}

function binaryParser(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('desk intake over HTTP (issue 3)', () => {
  let services: TestServices;
  let catalog: SeededCatalog;
  let desk: Actor;
  let otherDesk: Actor;
  let admin: Actor;

  const http = () => request(services.api.getHttpServer());
  const register = (actor: Actor, body: Record<string, unknown>, key: string = randomUUID()) =>
    http().post('/dossiers').set(authHeader(actor)).set('Idempotency-Key', key).send(body);
  const birth = (overrides: Record<string, unknown> = {}) => ({
    procedureId: catalog.procedures.get(BIRTH)!.id,
    channel: 'in-person',
    applicant: applicant(),
    documents: [
      { code: 'TK', form: 'original', count: 1 },
      { code: 'GCS', form: 'original', count: 1 },
    ],
    outcome: 'accept',
    ...overrides,
  });

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    otherDesk = catalog.actor(OTHER_COMMUNE, 'desk_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    await registerActors(services, desk, otherDesk, admin);
    await http().post('/admin/clock').set(authHeader(admin)).send({ at: NOW, frozen: true }).expect(200);
  });

  afterAll(async () => {
    await services?.close();
  });

  it('accepts a complete dossier: code, appointment, clock start, event; the same key twice gives one dossier', async () => {
    const key = `desk-${randomUUID()}`;
    const first = await register(desk, birth(), key).expect(201);
    expect(first.body.code).toBe(`${COMMUNE}-251103-0001`);
    expect(first.body.status).toBe('received');
    // 1 working day from Monday 10:00 → Tuesday 10:00 (+07:00).
    expect(first.body.appointmentAt).toBe('2025-11-04T03:00:00.000Z');
    expect(first.body.lookupSecret).toMatch(/^[A-Z2-9]{10}$/);
    expect(first.body).not.toHaveProperty('lookupSecretHash');

    const second = await register(desk, birth(), key).expect(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body).not.toHaveProperty('lookupSecret');
    const [{ count }] = await services.dataSource.query(
      `SELECT count(*)::int AS count FROM dossier WHERE idempotency_key = $1`,
      [key],
    );
    expect(count).toBe(1);

    const clock = await services.dataSource.query(`SELECT type, at FROM clock_entry WHERE dossier_id = $1`, [
      first.body.id,
    ]);
    expect(clock).toEqual([{ type: 'start', at: new Date('2025-11-03T03:00:00Z') }]);
    const events = await services.dataSource.query(
      `SELECT type, payload->>'resultType' AS "resultType" FROM dossier_event WHERE dossier_id = $1`,
      [first.body.id],
    );
    // The procedure's result type (birth registration: paper and electronic) is pinned for the online indicator.
    expect(events).toEqual([{ type: 'intake-accepted', resultType: 'both' }]);
  });

  it('refuses the same Idempotency-Key with a different body (409) and still replays it with the same body', async () => {
    const key = `desk-${randomUUID()}`;
    const first = await register(desk, birth(), key).expect(201);
    const conflict = await register(desk, birth({ applicant: applicant({ name: 'Trần Văn Nam' }) }), key).expect(409);
    expect(conflict.body.message).toMatch(/this Idempotency-Key was already used for a different submission/);
    expect(conflict.body.message).toContain(first.body.code);
    // Key order and an explicit default do not change the submission.
    const { outcome, ...rest } = birth();
    const replay = await register(desk, { outcome, numberOfSets: 1, ...rest }, key).expect(200);
    expect(replay.body.id).toBe(first.body.id);
    const [{ count }] = await services.dataSource.query(
      `SELECT count(*)::int AS count FROM dossier WHERE idempotency_key = $1`,
      [key],
    );
    expect(count).toBe(1);

    const portalKey = `portal-${randomUUID()}`;
    const online = (documents: unknown[]) =>
      http()
        .post('/portal/dossiers')
        .set('Idempotency-Key', portalKey)
        .send({
          procedureId: catalog.procedures.get(BIRTH)!.id,
          receivingAgencyId: catalog.agencies.get(COMMUNE)!.id,
          applicant: applicant(),
          documents,
        });
    await online([{ code: 'TK', form: 'original', count: 1 }]).expect(201);
    const changed = await online([{ code: 'TK', form: 'copy', count: 1 }]).expect(409);
    expect(changed.body.message).toMatch(/this Idempotency-Key was already used for a different submission/);
    await online([{ code: 'TK', form: 'original', count: 1 }]).expect(200);
  });

  it('derives the receipt lookup secret from LOOKUP_SECRET_KEY: rotating JWT_SECRET keeps printed receipts valid', async () => {
    const created = await register(desk, birth()).expect(201);
    const { code, lookupSecret } = created.body as { code: string; lookupSecret: string };
    const lookUp = async (overrides: Partial<MotcuaConfig>) => {
      const { app } = await createApiApplication(Object.assign(new MotcuaConfig(), services.config, overrides));
      await app.init();
      try {
        return (
          await request(app.getHttpServer())
            .get(`/public/dossiers/${encodeURIComponent(code)}`)
            .query({ secret: lookupSecret })
        ).status;
      } finally {
        await app.close();
      }
    };
    expect(lookupSecret).toBe(deriveLookupSecret(services.config.LOOKUP_SECRET_KEY, created.body.id));
    expect(lookupSecret).not.toBe(deriveLookupSecret(services.config.JWT_SECRET, created.body.id));
    expect(await lookUp({ JWT_SECRET: 'rotated-token-secret-0123456789abcdef0123' })).toBe(200);
  });

  it('prints the receipt (form 01) with the code, the appointment date and the applicant', async () => {
    const created = await register(desk, birth({ applicant: applicant({ name: 'Trần Văn Bình' }) })).expect(201);
    const pdf = await http()
      .get(`/dossiers/${created.body.id}/receipt.pdf`)
      .set(authHeader(desk))
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const { text } = await pdfParse(pdf.body as Buffer);
    expect(text).toContain(created.body.code);
    expect(text).toContain('04/11/2025');
    expect(text).toContain('Trần Văn Bình');
    expect(text).toContain(created.body.lookupSecret);
  });

  it('requests a supplement listing every missing mandatory document at once, and prints form 02', async () => {
    const missing = await register(desk, birth({ documents: [{ code: 'TK', form: 'original', count: 1 }] })).expect(
      400,
    );
    expect(missing.body.message).toMatch(/^documents: mandatory documents missing: GCS/);

    const created = await register(
      desk,
      birth({
        documents: [{ code: 'TK', form: 'copy', count: 1 }],
        outcome: 'request-supplement',
        supplementItems: [{ documentCode: 'TK', reason: 'Tờ khai phải là bản chính có chữ ký' }],
      }),
    ).expect(201);
    expect(created.body.status).toBe('awaiting-intake-supplement');
    expect(created.body.appointmentAt).toBeNull();
    expect(created.body.supplementItems).toEqual([
      { documentCode: 'TK', documentName: 'Tờ khai đăng ký khai sinh', reason: 'Tờ khai phải là bản chính có chữ ký' },
      { documentCode: 'GCS', documentName: 'Giấy chứng sinh', reason: 'Chưa nộp thành phần hồ sơ bắt buộc' },
    ]);
    const pdf = await http()
      .get(`/dossiers/${created.body.id}/supplement-request.pdf`)
      .set(authHeader(desk))
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect((await pdfParse(pdf.body as Buffer)).text).toContain('Giấy chứng sinh');
    await http().get(`/dossiers/${created.body.id}/receipt.pdf`).set(authHeader(desk)).expect(422);
  });

  it('refuses with a reason (form 03); a refusal without a reason is a 400 naming refusalReason', async () => {
    const noReason = await register(desk, birth({ outcome: 'refuse' })).expect(400);
    expect(noReason.body.message).toMatch(/^refusalReason/);
    const refused = await register(
      desk,
      birth({ outcome: 'refuse', refusalReason: 'Thủ tục không thuộc thẩm quyền của UBND xã' }),
    ).expect(201);
    expect(refused.body.status).toBe('refused-at-intake');
    const pdf = await http()
      .get(`/dossiers/${refused.body.id}/refusal.pdf`)
      .set(authHeader(desk))
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect((await pdfParse(pdf.body as Buffer)).text).toContain('không thuộc thẩm quyền');
  });

  it('withdraws before a result, stops the clock; a second withdrawal is a conflict', async () => {
    const created = await register(desk, birth()).expect(201);
    const withdrawn = await http()
      .post(`/dossiers/${created.body.id}/withdraw`)
      .set(authHeader(desk))
      .send({ reason: 'Người nộp xin rút hồ sơ' })
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const clock = await services.dataSource.query(`SELECT type FROM clock_entry WHERE dossier_id = $1 ORDER BY id`, [
      created.body.id,
    ]);
    expect(clock.map((row: { type: string }) => row.type)).toEqual(['start', 'stop']);
    const again = await http()
      .post(`/dossiers/${created.body.id}/withdraw`)
      .set(authHeader(desk))
      .send({ reason: 'x' })
      .expect(409);
    expect(again.body.message).toMatch(/withdrawn/);
  });

  it.each([
    ['unknown procedure', () => birth({ procedureId: randomUUID() }), /^procedureId: no active procedure/],
    ['malformed procedure id', () => birth({ procedureId: 'abc' }), /procedureId must be a procedure id/],
    [
      'bad phone',
      () => birth({ applicant: applicant({ phone: '12345' }) }),
      /applicant\.phone must be a Vietnamese phone number/,
    ],
    [
      'bad email',
      () => birth({ applicant: applicant({ email: 'not-an-email' }) }),
      /applicant\.email must be an email address/,
    ],
    [
      'bad identity number',
      () => birth({ applicant: applicant({ identityNumber: '12AB' }) }),
      /applicant\.identityNumber must be/,
    ],
    [
      'wrong channel for the procedure',
      () =>
        birth({
          procedureId: catalog.procedures.get(MARRIAGE)!.id,
          channel: 'postal',
          documents: [{ code: 'TK', form: 'original', count: 1 }],
        }),
      /^channel: procedure 1\.004227 does not accept 'postal'/,
    ],
    ['unknown channel', () => birth({ channel: 'fax' }), /channel must be one of/],
    ['postal without the hand-over time', () => birth({ channel: 'postal' }), /^receivedAt: a postal dossier needs/],
    // Issue 10: back-dating is bounded (postal: 3 working days by default; other channels: the same working day).
    [
      'a postal hand-over record from 1999',
      () => birth({ channel: 'postal', receivedAt: '1999-01-01T09:00:00+07:00' }),
      /^receivedAt: a postal hand-over record may be at most 3 working day/,
    ],
    [
      'an in-person dossier dated the day before',
      () => birth({ receivedAt: '2025-11-02T09:00:00+07:00' }),
      /^receivedAt: a 'in-person' dossier may be dated earlier the same working day only/,
    ],
    [
      'a reception in the future',
      () => birth({ channel: 'postal', receivedAt: '2025-11-04T09:00:00+07:00' }),
      /^receivedAt: must not be in the future/,
    ],
    [
      'unknown document',
      () => birth({ documents: [{ code: 'XX', form: 'original', count: 1 }] }),
      /^documents\[0\]\.code/,
    ],
    ['no outcome', () => birth({ outcome: undefined }), /outcome must be one of/],
  ])('rejects %s with a 400 naming the field', async (_name, body, message) => {
    const response = await register(desk, body()).expect(400);
    const text = Array.isArray(response.body.message) ? response.body.message.join('; ') : response.body.message;
    expect(text).toMatch(message);
  });

  it('requires the Idempotency-Key header', async () => {
    const response = await http().post('/dossiers').set(authHeader(desk)).send(birth()).expect(400);
    expect(response.body.message).toMatch(/^Idempotency-Key/);
  });

  it('takes a postal dossier at its hand-over record time (after the cut-off → next working day)', async () => {
    const created = await register(desk, birth({ channel: 'postal', receivedAt: '2025-10-31T16:00:00+07:00' })).expect(
      201,
    );
    expect(created.body.code).toBe(`${COMMUNE}-251031-0001`);
    // Friday 16:00 is after the 15:00 cut-off: counting starts Monday 07:00; 8 working hours
    // (07:00–11:30 + 13:30–17:00) end Monday 17:00.
    expect(created.body.countingStartedAt).toBe('2025-11-03T00:00:00.000Z');
    expect(created.body.appointmentAt).toBe('2025-11-03T10:00:00.000Z');
  });

  it("hides another agency's dossier (404) and accepts online submissions from the portal", async () => {
    const created = await register(desk, birth()).expect(201);
    await http().get(`/dossiers/${created.body.id}`).set(authHeader(otherDesk)).expect(404);
    await http().get(`/dossiers/${created.body.id}`).set(authHeader(desk)).expect(200);

    const online = await http()
      .post('/portal/dossiers')
      .set('Idempotency-Key', `portal-${randomUUID()}`)
      .send({
        procedureId: catalog.procedures.get(BIRTH)!.id,
        receivingAgencyId: catalog.agencies.get(COMMUNE)!.id,
        applicant: applicant(),
        documents: [{ code: 'TK', form: 'original', count: 1 }],
      })
      .expect(201);
    expect(online.body.channel).toBe('online');
    expect(online.body.status).toBe('awaiting-intake-supplement');
    expect(online.body.supplementItems.map((item: { documentCode: string }) => item.documentCode)).toEqual(['GCS']);
  });

  it('moves the appointment of an open dossier when a holiday is added, with an event saying why', async () => {
    const open = await register(desk, birth()).expect(201);
    const withdrawn = await register(desk, birth()).expect(201);
    await http()
      .post(`/dossiers/${withdrawn.body.id}/withdraw`)
      .set(authHeader(desk))
      .send({ reason: 'rút' })
      .expect(200);

    const change = await http()
      .put('/admin/calendar/days/2025-11-04')
      .set(authHeader(admin))
      .send({ kind: 'holiday', name: 'Nghỉ đột xuất (thử nghiệm)' })
      .expect(200);
    // The answer is a summary; the recompute runs in the background (issue 10), its progress at a route.
    expect(change.body.recompute).toMatchObject({ calendarDate: '2025-11-04', status: 'queued' });
    expect(change.body.recompute.candidates).toBeGreaterThanOrEqual(1);
    expect(change.body).not.toHaveProperty('recomputed');
    await services.waitUntilIdle();
    const progress = await http().get(change.body.recompute.progressPath).set(authHeader(admin)).expect(200);
    expect(progress.body).toMatchObject({ status: 'done', candidates: change.body.recompute.candidates });
    expect(progress.body.processed).toBe(progress.body.candidates);
    expect(progress.body.updated).toBeGreaterThanOrEqual(1);
    const [untouched] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1 AND type = 'appointment-recomputed'`,
      [withdrawn.body.id],
    );
    expect(untouched.n).toBe(0);

    const after = await http().get(`/dossiers/${open.body.id}`).set(authHeader(desk)).expect(200);
    expect(after.body.appointmentAt).toBe('2025-11-05T03:00:00.000Z');
    expect(after.body.originalAppointmentAt).toBe('2025-11-04T03:00:00.000Z');
    const [event] = await services.dataSource.query(
      `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'appointment-recomputed'`,
      [open.body.id],
    );
    expect(event.payload).toMatchObject({
      calendarDate: '2025-11-04',
      previousAppointmentAt: '2025-11-04T03:00:00.000Z',
      appointmentAt: '2025-11-05T03:00:00.000Z',
    });
    expect(event.payload.reason).toMatch(/2025-11-04 added as holiday/);

    // Removing the day moves it back.
    await http().delete('/admin/calendar/days/2025-11-04').set(authHeader(admin)).expect(200);
    await services.waitUntilIdle();
    const restored = await http().get(`/dossiers/${open.body.id}`).set(authHeader(desk)).expect(200);
    expect(restored.body.appointmentAt).toBe('2025-11-04T03:00:00.000Z');
  });

  it('verifies the event chain and reports a tampered row', async () => {
    const created = await register(desk, birth()).expect(201);
    await http()
      .post(`/dossiers/${created.body.id}/withdraw`)
      .set(authHeader(desk))
      .send({ reason: 'rút' })
      .expect(200);
    // The workflow may or may not have started the desk step before the withdrawal: count what the log holds.
    await services.waitUntilIdle();
    const [{ count }] = await services.dataSource.query(
      `SELECT count(*)::int AS count FROM dossier_event WHERE dossier_id = $1`,
      [created.body.id],
    );
    expect(count).toBeGreaterThanOrEqual(2);
    const valid = await http().get(`/dossiers/${created.body.id}/events/verify`).set(authHeader(desk)).expect(200);
    expect(valid.body).toEqual({ dossierId: created.body.id, valid: true, eventCount: count });

    await services.dataSource.query(
      `UPDATE dossier_event SET payload = jsonb_set(payload, '{reason}', '"sửa trái phép"') WHERE dossier_id = $1 AND sequence = 2`,
      [created.body.id],
    );
    const broken = await http().get(`/dossiers/${created.body.id}/events/verify`).set(authHeader(desk)).expect(200);
    expect(broken.body).toMatchObject({ valid: false, brokenAtSequence: 2 });
  });

  it('manages the catalog: create, validate, paginate', async () => {
    const agencyId = catalog.agencies.get(COMMUNE)!.id;
    const body = {
      code: '1.999001',
      name: 'Thủ tục thử nghiệm',
      field: 'Hộ tịch',
      level: 'commune',
      legalTimeValue: 2,
      legalTimeUnit: 'working-days',
      cutoffTime: '15:00',
      feeRule: { mode: 'none', amount: 0, paid: 'before' },
      requiredDocuments: [{ code: 'TK', name: 'Tờ khai', form: 'original', count: 1, mandatory: true }],
      channels: ['in-person'],
      onlineLevel: 'none',
      resultType: 'paper',
      ruleSetId: 'ND118-2025',
      receivingAgencyIds: [agencyId],
    };
    const created = await http().post('/admin/procedures').set(authHeader(admin)).send(body).expect(201);
    expect(created.body.legalTimeMinutes).toBe(960);
    await http().post('/admin/procedures').set(authHeader(admin)).send(body).expect(409);
    const bad = await http()
      .post('/admin/procedures')
      .set(authHeader(admin))
      .send({ ...body, code: '1.999002', cutoffTime: '25:00' })
      .expect(400);
    expect(bad.body.message.join(' ')).toMatch(/cutoffTime/);
    const updated = await http()
      .patch(`/admin/procedures/${created.body.id}`)
      .set(authHeader(admin))
      .send({ legalTimeValue: 4, legalTimeUnit: 'working-hours' })
      .expect(200);
    expect(updated.body.legalTimeMinutes).toBe(240);

    const page = await http().get('/procedures?page=2&pageSize=5').set(authHeader(desk)).expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 5, total: 12 });
    expect(page.body.items).toHaveLength(5);
    await http().get('/procedures?pageSize=0').set(authHeader(desk)).expect(400);
    const agencies = await http().get('/agencies?pageSize=50').set(authHeader(desk)).expect(200);
    expect(agencies.body.total).toBeGreaterThanOrEqual(14);
  });
});
