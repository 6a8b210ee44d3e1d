import { randomUUID } from 'node:crypto';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { DeliveryHttp } from './support/delivery-fixture';

/**
 * Issue 12, "return channels, chosen at intake": the desk (and the online portal) name the return channel in the
 * intake request itself; it is stored with the dossier in the intake transaction, replays alike, and bad values are
 * refused with a 400 naming the field.
 */
describe('return channel chosen at intake (issue 12)', () => {
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

  const deliveryOf = async (dossierId: string) =>
    (
      await http
        .http()
        .get(`/dossiers/${dossierId}/delivery`)
        .set(await http.auth(desk))
        .expect(200)
    ).body;

  const submission = (returnChannel?: unknown) => ({
    procedureId,
    channel: 'in-person',
    applicant: { name: 'Trần Thị Bích', identityNumber: '001190054321', address: 'Thôn Tây', phone: '0912345670' },
    documents: [
      { code: 'TK', form: 'original', count: 1 },
      { code: 'GCS', form: 'original', count: 1 },
    ],
    outcome: 'accept',
    ...(returnChannel === undefined ? {} : { returnChannel }),
  });

  it('stores a postal channel with its recipient (default: the applicant) in the intake transaction', async () => {
    const key = `rc-${randomUUID()}`;
    const send = async (body: object) =>
      http
        .http()
        .post('/dossiers')
        .set(await http.auth(desk))
        .set('Idempotency-Key', key)
        .send(body);
    const created = await send(submission({ channel: 'postal' }));
    expect(created.status).toBe(201);
    expect(await deliveryOf(created.body.id)).toMatchObject({ returnChannel: 'postal', returnChannelChangeable: true });
    const [row] = await services.dataSource.query(
      `SELECT channel, recipient, changed_by_user_id FROM dossier_return_channel WHERE dossier_id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({
      channel: 'postal',
      recipient: { name: 'Trần Thị Bích', address: 'Thôn Tây', phone: '0912345670' },
      changed_by_user_id: desk.userId,
    });
    const events = await services.dataSource.query(
      `SELECT payload->>'returnChannel' AS channel FROM dossier_event WHERE dossier_id = $1 AND type = 'intake-accepted'`,
      [created.body.id],
    );
    expect(events).toEqual([{ channel: 'postal' }]);

    // The same key and body replay; the same key with another channel is another submission (409).
    const replay = await send(submission({ channel: 'postal' }));
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(created.body.id);
    const changed = await send(submission({ channel: 'online' }));
    expect(changed.status).toBe(409);
  });

  it('without a choice the default of the submission channel applies (in person → desk), nothing stored', async () => {
    const created = await http
      .http()
      .post('/dossiers')
      .set(await http.auth(desk))
      .set('Idempotency-Key', `rc-${randomUUID()}`)
      .send(submission());
    expect(created.status).toBe(201);
    expect(await deliveryOf(created.body.id)).toMatchObject({ returnChannel: 'desk' });
    const rows = await services.dataSource.query(`SELECT 1 FROM dossier_return_channel WHERE dossier_id = $1`, [
      created.body.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('an online applicant chooses postal delivery to another address through the portal', async () => {
    const online = await http
      .http()
      .post('/portal/dossiers')
      .set('Idempotency-Key', `portal-${randomUUID()}`)
      .send({
        ...submission({
          channel: 'postal',
          recipient: { name: 'Lê Văn Cường', address: 'Số 5 phố Huế, Hà Nội', phone: '0987654321' },
        }),
        channel: undefined,
        outcome: undefined,
        receivingAgencyId: agencyId,
      });
    expect(online.status).toBe(201);
    expect(await deliveryOf(online.body.id)).toMatchObject({ returnChannel: 'postal' });
    const [row] = await services.dataSource.query(
      `SELECT recipient FROM dossier_return_channel WHERE dossier_id = $1`,
      [online.body.id],
    );
    expect(row.recipient).toMatchObject({ name: 'Lê Văn Cường', phone: '0987654321' });
  });

  it.each([
    ['an unknown channel', { channel: 'pigeon' }, /returnChannel\.channel must be one of desk, online, postal/],
    ['a string instead of an object', 'postal', /returnChannel must be an object/],
    [
      'a postal recipient with a bad phone',
      { channel: 'postal', recipient: { name: 'A', address: 'B', phone: '12' } },
      /returnChannel\.recipient\.phone must be a Vietnamese phone number/,
    ],
  ])('refuses %s with a 400 naming the field; no dossier is created', async (_label, returnChannel, message) => {
    const before = await services.dataSource.query(`SELECT count(*)::int AS n FROM dossier`);
    const refused = await http
      .http()
      .post('/dossiers')
      .set(await http.auth(desk))
      .set('Idempotency-Key', `rc-${randomUUID()}`)
      .send(submission(returnChannel));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toMatch(message);
    const after = await services.dataSource.query(`SELECT count(*)::int AS n FROM dossier`);
    expect(after[0].n).toBe(before[0].n);
  });
});
