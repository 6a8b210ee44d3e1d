import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { startTestServices, TestServices } from '../support/test-services';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { authHeader, registerActors } from './support/act-as';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';
import { StatementCounter } from './support/statement-counter';

const COMMUNE = '000.21.12.H62';
const BIRTH = '1.001193';
// Monday 3 Nov 2025, 10:00 in Hà Nội.
const NOW = '2025-11-03T10:00:00+07:00';

/**
 * Issue 16: the Postgres statements (round trips) one desk intake sends in its HTTP request, counted at the pg
 * client of this process, and what the background work it triggers (outbox relay, routing, subscribers) sends.
 * The request budget fails the suite if statements come back; the background work is printed for the notes.
 */
describe('desk intake statement budget (issue 16)', () => {
  /**
   * 30 statements at the start of session 8; 18 after the one-statement deadline arming and event append (deadline
   * and step work); 15 after folding the calendar and idempotency-key locks into one statement, inserting the row
   * without save()'s SELECT-by-id first, and taking the code counter and setting the code in one statement; 13
   * with the replay lookup, the desk and the procedure read in one statement (DossierRepository.findIntakeContext).
   */
  const REQUEST_BUDGET = 13;
  let services: TestServices;
  let catalog: SeededCatalog;
  let desk: Actor;
  const counter = new StatementCounter();

  const http = () => request(services.api.getHttpServer());
  const intake = (key = randomUUID()) =>
    http()
      .post('/dossiers')
      .set(authHeader(desk))
      .set('Idempotency-Key', key)
      .send({
        procedureId: catalog.procedures.get(BIRTH)!.id,
        channel: 'in-person',
        applicant: {
          name: 'Nguyễn Thị Hương',
          identityNumber: '001190012345',
          address: 'Thôn Đông, xã An Hòa',
          phone: '0912345678',
        },
        documents: [
          { code: 'TK', form: 'original', count: 1 },
          { code: 'GCS', form: 'original', count: 1 },
        ],
        outcome: 'accept',
      });

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
    catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor(COMMUNE, 'desk_officer');
    const admin = catalog.actor('000.00.00.H62', 'admin');
    await registerActors(services, desk, admin);
    await http().post('/admin/clock').set(authHeader(admin)).send({ at: NOW, frozen: true }).expect(200);
    counter.install(services.api.getHttpServer() as Server);
    // Warm: the first intake loads what a running desk has cached (calendar, procedure plans, sessions).
    await intake().expect(201);
    await counter.harness(() => services.waitUntilIdle());
  });

  afterAll(async () => {
    counter.uninstall();
    await services?.close();
  });

  it(`sends at most ${REQUEST_BUDGET} statements in the request of one desk intake`, async () => {
    counter.reset();
    const response = await intake().expect(201);
    const inRequest = counter.of('request');
    await counter.harness(() => services.waitUntilIdle());
    const work = counter.backgroundWork();
    process.stdout.write(
      [
        `desk intake ${response.body.code}: ${inRequest.length} statements in the request`,
        ...StatementCounter.shapes(inRequest).map((line) => `  ${line}`),
        `background statements that returned or changed rows until idle: ${work.length}`,
        ...StatementCounter.shapes(work).map((line) => `  ${line}`),
        '',
      ].join('\n'),
    );
    expect(inRequest.length).toBeLessThanOrEqual(REQUEST_BUDGET);
    expect(inRequest.length).toBeGreaterThan(0);
  });

  it('sets the code in the counter statement as formatDossierCode formats it, past 9999 too', async () => {
    const agencyId = catalog.agencies.get(COMMUNE)!.id;
    await counter.harness(() =>
      services.dataSource.query(
        `UPDATE dossier_code_counter SET last = 9998 WHERE agency_id = $1 AND local_date = '2025-11-03'`,
        [agencyId],
      ),
    );
    expect((await intake().expect(201)).body.code).toBe(`${COMMUNE}-251103-9999`);
    expect((await intake().expect(201)).body.code).toBe(`${COMMUNE}-251103-10000`);
    await counter.harness(() => services.waitUntilIdle());
  });
});
