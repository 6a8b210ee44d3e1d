import { signNationalPortalBody } from '@motcua/integrations';
import { SubscriberRunnerService } from '@motcua/platform';
import { createServer } from 'node:net';
import request from 'supertest';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { oneStepDefinition } from '../delivery/support/delivery-fixture';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { waitFor } from '../support/test-config';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';
import { acceptDossier, returnAtDesk } from './support/citizen-fixture';

const STATUS_CODES: Record<string, number> = {
  registered: 1,
  received: 2,
  'refused-at-intake': 3,
  processing: 4,
  'awaiting-intake-supplement': 5,
  'awaiting-supplement': 5,
  'awaiting-payment': 6,
  withdrawn: 7,
  stopped: 8,
  'result-ready': 9,
  refused: 9,
  returned: 10,
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Issue 14, acceptance 4: the national-portal sync subscriber maps a dossier's status changes to the national codes
 * and sends them through the HTTP adapter to the embedded sandbox receiver (signed, validated against the field list),
 * which sees each change once and in order — across subscriber stops, a restart and a rewound cursor.
 */
describe('national-portal sync (issue 14, acceptance 4)', () => {
  let services: TestServices;
  let workflow: WorkflowHttp;
  let desk: Actor;
  let officer: Actor;
  let admin: Actor;
  let procedureId: string;

  beforeAll(async () => {
    services = await startTestServices({
      TEST_CLOCK_ENABLED: 'true',
      HTTP_PORT: String(await freePort()),
      NATIONAL_PORTAL_SYNC_ENABLED: 'true',
    });
    workflow = new WorkflowHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    officer = catalog.actor('000.21.12.H62', 'agency_officer');
    admin = catalog.actor('000.00.00.H62', 'admin');
    procedureId = catalog.procedures.get('1.001193')!.id;
    await workflow.setClock(admin, '2026-11-23T01:00:00Z');
    await workflow.publishDefinition(admin, procedureId, oneStepDefinition('1.001193', 1, true));
  });

  afterAll(async () => {
    await services?.close();
  });

  const received = async (code: string) =>
    (await services.dataSource.query(
      `SELECT status_code AS "statusCode", sequence, deliveries, payload FROM national_portal_sandbox_message
       WHERE dossier_code = $1 ORDER BY received_order`,
      [code],
    )) as Array<{ statusCode: number; sequence: number; deliveries: number; payload: Record<string, unknown> }>;

  /** The national codes the dossier's event log implies: each change of code, in sequence order. */
  const expectedCodes = async (dossierId: string): Promise<number[]> => {
    const rows: Array<{ status: string | null }> = await services.dataSource.query(
      `SELECT payload ->> 'status' AS status FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossierId],
    );
    const codes: number[] = [];
    for (const { status } of rows) {
      const code = status ? STATUS_CODES[status] : undefined;
      if (code !== undefined && codes[codes.length - 1] !== code) codes.push(code);
    }
    return codes;
  };

  it('delivers each status change once and in order across a subscriber restart and a rewound cursor', async () => {
    const runner = services.delivery.get(SubscriberRunnerService).runner;
    await runner.stop();
    const dossier = await acceptDossier(services, desk, procedureId, ['TK', 'GCS'], {
      name: 'Đỗ Văn Hùng',
      identityNumber: '001090000401',
    });
    await services.waitUntilIdle();
    expect(await received(dossier.code)).toEqual([]);

    // Restart: the subscriber catches up with intake and the start of processing.
    runner.start();
    await waitFor('the first status changes at the sandbox portal', async () => {
      const rows = await received(dossier.code);
      return rows.length >= 2 ? rows : undefined;
    });
    // Stopped again, its cursor rewound to the very beginning (every event is processed a second time), and the
    // dossier goes on to its result and its return meanwhile.
    await runner.stop();
    await services.dataSource.query(
      `UPDATE event_subscriber SET position_tx = '0'::xid8, position_id = 0 WHERE name = 'national-portal-sync'`,
    );
    await returnAtDesk(
      services,
      { desk, officer, admin },
      dossier.id,
      (duration) => workflow.advance(admin, duration),
      () => workflow.completeOpen(officer, dossier.id, 'process'),
    );
    runner.start();
    const expected = await expectedCodes(dossier.id);
    expect(expected.slice(0, 1)).toEqual([2]);
    expect(expected.slice(-2)).toEqual([9, 10]);
    await waitFor('every status change at the sandbox portal', async () => {
      const rows = await received(dossier.code);
      return rows.length >= expected.length ? rows : undefined;
    });
    await services.waitUntilIdle();

    const rows = await received(dossier.code);
    expect(rows.map((row) => row.statusCode)).toEqual(expected);
    expect(rows.every((row) => row.deliveries === 1)).toBe(true);
    const sequences = rows.map((row) => row.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(rows[0].payload).toMatchObject({
      MaHoSo: dossier.code,
      MaTTHC: '1.001193',
      MaCoQuanTiepNhan: '000.21.12.H62',
      KenhThucHien: 1,
      TrangThaiHoSo: 2,
    });
    expect(rows[rows.length - 1].payload).toMatchObject({ TrangThaiHoSo: 10 });
    const [{ unsent }] = await services.dataSource.query(
      `SELECT count(*)::int AS unsent FROM national_sync_message WHERE dossier_id = $1 AND sent_at IS NULL`,
      [dossier.id],
    );
    expect(unsent).toBe(0);
  }, 120_000);

  it('the sandbox receiver refuses a bad signature (401) and a payload outside the field list (400)', async () => {
    const http = () => request(services.api.getHttpServer());
    const body = { MaHoSo: 'X', TrangThaiHoSo: 42 };
    const unsigned = await http()
      .post('/sandbox/national-portal/dossier-status')
      .set('x-motcua-signature', '0'.repeat(64))
      .send(body);
    expect(unsigned.status).toBe(401);
    const invalid = await http()
      .post('/sandbox/national-portal/dossier-status')
      .set('x-motcua-signature', signNationalPortalBody(services.config.NATIONAL_PORTAL_SECRET, JSON.stringify(body)))
      .send(body);
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('TrangThaiHoSo must be an integer 1–10');
    expect(invalid.body.message).toContain('MaGiaoDich is required');
  });
});
