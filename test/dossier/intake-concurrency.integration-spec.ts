import { parseDossierCode } from '@motcua/domain';
import { createDataSource } from '@motcua/persistence';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';
import { scaled } from '../support/test-scale';
import { seedCatalog, SeededCatalog } from './support/catalog-fixture';

const ROOT = join(__dirname, '..', '..');
const COMMUNE = '000.21.12.H62';
/** 2,000 at full scale (`npm run test:scale`), 400 in `npm test`. */
const TOTAL = scaled(2000, 400);
const REPLAYS = TOTAL / 10;

/**
 * Acceptance 2: concurrent intake on one agency and day from two separate OS processes (each with its own
 * connection pool; nothing shared but Postgres) never duplicates a code and leaves no gap. Idempotency-key
 * replays sent to the other process at the same time create nothing.
 */
describe('dossier codes under concurrent intake', () => {
  let database: TestDatabase;
  let pool: DataSource;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    pool = createDataSource({ url: database.url, poolSize: 4 });
    await pool.initialize();
    catalog = await seedCatalog(pool);
  });

  afterAll(async () => {
    await pool?.destroy();
    await database?.drop();
  });

  function runProcess(
    keys: string[],
  ): Promise<{ pid: number; results: Array<{ key: string; code: string; replayed: boolean }> }> {
    const job = {
      databaseUrl: database.url,
      agencyId: catalog.agencies.get(COMMUNE)!.id,
      procedureId: catalog.procedures.get('1.001193')!.id,
      keys,
      now: '2025-11-03T03:00:00Z',
    };
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          join(ROOT, 'test/support/ts-register.js'),
          join(__dirname, 'support/intake-burst.process.ts'),
          JSON.stringify(job),
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      let errors = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (errors += chunk));
      child.on('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(output.trim().split('\n').pop()!))
          : reject(new Error(`intake process exited ${code}: ${errors}`)),
      );
    });
  }

  it(`gives ${TOTAL} intakes from two processes ${TOTAL} distinct consecutive codes`, async () => {
    const shares: string[][] = [[], []];
    for (let index = 0; index < TOTAL; index++) {
      const key = `concurrent-${index}`;
      shares[index % 2].push(key);
      // The same submission sent again to the other process at the same moment (a double-click behind a load balancer).
      if (index % (TOTAL / REPLAYS) === 0) shares[(index + 1) % 2].push(key);
    }
    const outputs = await Promise.all(shares.map((keys) => runProcess(keys)));
    expect(outputs[0].pid).not.toBe(outputs[1].pid);
    const results = outputs.flatMap((output) => output.results);

    const created = results.filter((result) => !result.replayed).map((result) => result.code);
    expect(created).toHaveLength(TOTAL);
    expect(results.filter((result) => result.replayed)).toHaveLength(REPLAYS);
    expect(new Set(created).size).toBe(TOTAL);
    // Both processes really created dossiers (the race was real).
    for (const output of outputs)
      expect(output.results.filter((result) => !result.replayed).length).toBeGreaterThan(TOTAL / 4);
    const sequences = created
      .map((code) => parseDossierCode(code))
      .map((parts) => {
        expect(parts.agencyIdentifier).toBe(COMMUNE);
        expect(parts.localDate).toBe('2025-11-03');
        return parts.sequence;
      });
    expect(sequences.sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
    // A replayed key got the same code as its original.
    const byKey = new Map<string, Set<string>>();
    for (const result of results) byKey.set(result.key, (byKey.get(result.key) ?? new Set()).add(result.code));
    expect([...byKey.values()].every((codes) => codes.size === 1)).toBe(true);

    const [{ count, codes }] = await pool.query(
      `SELECT count(*)::int AS count, count(DISTINCT code)::int AS codes FROM dossier`,
    );
    expect({ count, codes }).toEqual({ count: TOTAL, codes: TOTAL });
    const [{ last }] = await pool.query(`SELECT last FROM dossier_code_counter WHERE agency_id = $1`, [
      catalog.agencies.get(COMMUNE)!.id,
    ]);
    expect(last).toBe(TOTAL);
  });
});
