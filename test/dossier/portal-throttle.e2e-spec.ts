import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { REDIS } from '@motcua/platform';
import type { Redis } from 'ioredis';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { startTestServices, TestServices } from '../support/test-services';
import { authHeader, registerActors } from './support/act-as';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';

describe('online submission rate limit, shared by every API process (Redis-backed throttler)', () => {
  let services: TestServices;
  let second: INestApplication;
  let catalog: SeededCatalog;
  let desk: Actor;

  const submission = () => ({
    procedureId: catalog.procedures.get(BIRTH)!.id,
    receivingAgencyId: catalog.agencies.get(COMMUNE)!.id,
    applicant: {
      name: 'Lê Văn Bình',
      identityNumber: '001190054321',
      address: 'Thôn Tây, xã An Hòa',
      phone: '0912345679',
    },
    documents: [{ code: 'TK', form: 'original', count: 1 }],
  });
  const submit = (app: INestApplication) =>
    request(app.getHttpServer())
      .post('/portal/dossiers')
      .set('Idempotency-Key', `portal-${randomUUID()}`)
      .send(submission());

  beforeAll(async () => {
    // PUBLIC_THROTTLE_LIMIT=4 per minute per address, in this suite.
    services = await startTestServices({ PUBLIC_THROTTLE_LIMIT: '4', LOGIN_THROTTLE_LIMIT: '1000' });
    ({ app: second } = await createApiApplication(services.config));
    await second.init();
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    await registerActors(services, desk);
  });

  afterAll(async () => {
    await second?.close();
    await services?.close();
  });

  it('counts a burst across two API instances: the limit holds in total, then both answer 429', async () => {
    const statuses: number[] = [];
    for (const app of [services.api, second, services.api, second]) statuses.push((await submit(app)).status);
    expect(statuses).toEqual([201, 201, 201, 201]);

    const blocked = await submit(second);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after-public']).toBeDefined();
    expect((await submit(services.api)).status).toBe(429);
    const [{ count }] = await services.dataSource.query(
      `SELECT count(*)::int AS count FROM dossier WHERE channel = 'online'`,
    );
    expect(count).toBe(4);

    // The counter lives in Redis under this deployment's prefix.
    const keys = await services.api.get<Redis>(REDIS).keys(`${services.config.QUEUE_PREFIX}:throttle:public:*`);
    expect(keys.length).toBeGreaterThan(0);

    // The desk (authenticated) is not throttled by the portal's limit.
    await request(services.api.getHttpServer())
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', `desk-${randomUUID()}`)
      .send({
        ...submission(),
        receivingAgencyId: undefined,
        channel: 'in-person',
        outcome: 'request-supplement',
        documents: [{ code: 'TK', form: 'original', count: 1 }],
      })
      .expect(201);
  });
});
