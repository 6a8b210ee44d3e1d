import { FixedClock, parseDossierCode } from '@motcua/domain';
import { createDataSource } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { IntakeCommand, IntakeUseCase } from '../../apps/api/src/intake/intake.use-case';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

const COMMUNE = '000.21.12.H62';
const TOTAL = 2000;
const REPLAYS = 200;

/**
 * Acceptance 2: concurrent intake on one agency and day from two independent connection pools (two DataSources,
 * standing in for two API processes: nothing is shared between them but Postgres) never duplicates a code
 * and leaves no gap. Idempotency-key replays sent to the other pool at the same time create nothing.
 */
describe('dossier codes under concurrent intake', () => {
  let database: TestDatabase;
  let pools: DataSource[];
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    pools = [0, 1].map((index) => createDataSource({ url: database.url, poolSize: 10, applicationName: `intake-process-${index}` }));
    await Promise.all(pools.map((pool) => pool.initialize()));
    catalog = await seedCatalog(pools[0]);
  });

  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.destroy()));
    await database?.drop();
  });

  it(`gives ${TOTAL} intakes ${TOTAL} distinct consecutive codes`, async () => {
    const clock = new FixedClock('2025-11-03T03:00:00Z');
    const intakes = pools.map((pool) => new IntakeUseCase(pool, clock, 'test-lookup-key-0123456789abcdef0123'));
    const agencyId = catalog.agencies.get(COMMUNE)!.id;
    const command = (key: string): IntakeCommand => ({
      receivingAgencyId: agencyId,
      actor: null,
      idempotencyKey: key,
      procedureId: catalog.procedures.get('1.001193')!.id,
      channel: 'in-person',
      applicant: { name: `Người nộp ${key}`, identityNumber: '001190012345', address: 'xã An Hòa', phone: '0912345678' },
      documents: [
        { code: 'TK', form: 'original', count: 1 },
        { code: 'GCS', form: 'original', count: 1 },
      ],
      outcome: 'accept',
    });

    const calls: Array<Promise<{ code: string; replayed: boolean }>> = [];
    for (let index = 0; index < TOTAL; index++) {
      const key = `concurrent-${index}`;
      calls.push(intakes[index % 2].register(command(key)).then((result) => ({ code: result.dossier.code, replayed: result.replayed })));
      // The same submission sent again to the other process at the same moment (a double-click behind a load balancer).
      if (index % (TOTAL / REPLAYS) === 0) {
        calls.push(intakes[(index + 1) % 2].register(command(key)).then((result) => ({ code: result.dossier.code, replayed: result.replayed })));
      }
    }
    const results = await Promise.all(calls);

    const created = results.filter((result) => !result.replayed).map((result) => result.code);
    expect(created).toHaveLength(TOTAL);
    expect(results.filter((result) => result.replayed)).toHaveLength(REPLAYS);
    expect(new Set(created).size).toBe(TOTAL);
    const sequences = created.map((code) => parseDossierCode(code)).map((parts) => {
      expect(parts.agencyIdentifier).toBe(COMMUNE);
      expect(parts.localDate).toBe('2025-11-03');
      return parts.sequence;
    });
    expect(sequences.sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));

    const [{ count, codes }] = await pools[1].query(`SELECT count(*)::int AS count, count(DISTINCT code)::int AS codes FROM dossier`);
    expect({ count, codes }).toEqual({ count: TOTAL, codes: TOTAL });
    const [{ last }] = await pools[1].query(`SELECT last FROM dossier_code_counter WHERE agency_id = $1`, [agencyId]);
    expect(last).toBe(TOTAL);
  });
});
