import { createDataSource, DossierSearchRepository } from '@motcua/persistence';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { scopeCondition } from '../../apps/api/src/identity/scope';
import { seedCatalog, SeededCatalog } from '../dossier/support/catalog-fixture';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

/**
 * Issue 12, acceptance 5: a common name (at least 5,000 keys) is found by walking the newest name keys instead of
 * reading all of its keys (bench/reports/dossier-search.md); a procedure is filtered inside the name-key scan. Both
 * shapes must return exactly what a brute-force query returns, page by page, in every scope.
 */
describe('dossier search: common names and name + procedure', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    catalog = await seedCatalog(dataSource);
    const agencies = [...catalog.agencies.values()].map((agency) => agency.id);
    const procedures = [...catalog.procedures.values()].map((procedure) => procedure.id);
    // 6,000 dossiers named Hoàng … (a common family name: 6,000 keys start with "hoang"), 1,500 others, interleaved in
    // time, received at distinct minutes (and some at the same minute, to exercise the id tie-break).
    await dataSource.query(
      `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
         legal_time_minutes, rule_set_id, lookup_secret_hash)
       SELECT 'CMN-' || n, ($1::uuid[])[1 + n % $2], ($3::uuid[])[1 + (n * 5) % $4], 'online', 'processing', '{"name":"A"}',
              CASE WHEN n % 5 = 0 THEN 'Trần Thị Hoa ' || n ELSE 'Hoàng Văn Ánh ' || n END,
              '2031-01-01T00:00:00Z'::timestamptz + (n / 2) * interval '1 minute', 2400, 'ND118-2025', 'x'
       FROM generate_series(1, 7500) AS n`,
      [procedures, procedures.length, agencies, agencies.length],
    );
    await dataSource.query('VACUUM ANALYZE dossier_name_key');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function bruteForce(actor: Actor, name: string, page: number, procedureId?: string): Promise<string[]> {
    const scope = scopeCondition(actor, 'd.receiving_agency_id', 'bf');
    const [sql, values] = dataSource.driver.escapeQueryWithParameters(
      `SELECT d.id FROM dossier d
       WHERE EXISTS (SELECT 1 FROM dossier_name_key k WHERE k.dossier_id = d.id AND k.key LIKE :name || '%')
         AND (${scope.sql}) ${procedureId ? 'AND d.procedure_id = :procedureId' : ''}
       ORDER BY d.received_at DESC, d.id DESC OFFSET :offset LIMIT 20`,
      { ...scope.parameters, name, procedureId, offset: (page - 1) * 20 },
      {},
    );
    return ((await dataSource.query(sql, values)) as Array<{ id: string }>).map((row) => row.id);
  }

  it('returns the newest matches of a common name page by page, in every scope, as a brute-force query does', async () => {
    const search = new DossierSearchRepository(dataSource.manager);
    const [{ keys }] = await dataSource.query(
      `SELECT count(*)::int AS keys FROM dossier_name_key WHERE key LIKE 'hoang%'`,
    );
    expect(keys).toBeGreaterThanOrEqual(5000);
    const actors = [
      catalog.actor('000.00.00.H62', 'supervisor'),
      catalog.actor('000.00.12.H62', 'supervisor'),
      catalog.actor('000.21.12.H62', 'desk_officer'),
    ];
    let compared = 0;
    for (const actor of actors) {
      for (const page of [1, 2, 7]) {
        const found = await search.search(
          (column, prefix) => scopeCondition(actor, column, prefix),
          { name: 'hoang' },
          page,
          20,
        );
        const expected = await bruteForce(actor, 'hoang', page);
        expect({ scope: actor.agencyPath, page, ids: found.items.map((item) => item.id) }).toEqual({
          scope: actor.agencyPath,
          page,
          ids: expected,
        });
        expect({ scope: actor.agencyPath, page, hasMore: found.hasMore, n: found.items.length }).toEqual({
          scope: actor.agencyPath,
          page,
          hasMore: true,
          n: 20,
        });
        compared += expected.length;
      }
    }
    expect(compared).toBe(actors.length * 3 * 20);
  });

  it('filters a name by procedure inside the name-key scan, with the same answer', async () => {
    const search = new DossierSearchRepository(dataSource.manager);
    const actor = catalog.actor('000.00.00.H62', 'supervisor');
    const procedureId = [...catalog.procedures.values()][1].id;
    for (const name of ['hoang van anh 1', 'tran thi hoa']) {
      const found = await search.search(
        (column, prefix) => scopeCondition(actor, column, prefix),
        { name, procedureId, status: 'processing' },
        1,
        20,
      );
      const expected = await bruteForce(actor, name, 1, procedureId);
      expect(expected.length).toBeGreaterThan(0);
      expect(found.items.map((item) => item.id)).toEqual(expected);
      expect(found.items.every((item) => item.procedureId === procedureId)).toBe(true);
    }
  });
});
