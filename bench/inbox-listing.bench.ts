import { environmentVariable } from '@motcua/config';
import { StepTaskRepository } from '@motcua/persistence';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { seedCatalog } from '../test/dossier/support/catalog-fixture';
import { authHeaderForActor } from '../test/support/auth';
import { startTestServices, TestServices } from '../test/support/test-services';
import { measure } from './bench-timing';

/**
 * Inbox listing latency with BENCH_INBOX_OPEN (default 100,000) open steps in the measured agency, plus as many
 * finished/other-agency steps, against a trivial `SELECT 1` and a primary-key lookup on the same pool in the
 * same run. Measured at the repository (SQL) and over HTTP (auth, validation, JSON). Reported, not asserted.
 */
const OPEN = Number(environmentVariable('BENCH_INBOX_OPEN') ?? 100000);
const REQUESTS = Number(environmentVariable('BENCH_INBOX_REQUESTS') ?? 300);
const AGENCY = '000.02.02.H62';

describe('inbox listing benchmark', () => {
  let services: TestServices;

  afterAll(async () => {
    await services?.close();
  });

  it(`lists an agency inbox with ${OPEN} open steps`, async () => {
    services = await startTestServices();
    const { dataSource } = services;
    const catalog = await seedCatalog(dataSource);
    const agency = catalog.agencies.get(AGENCY)!;
    const other = catalog.agencies.get('000.00.07.H62')!;
    const desk = catalog.agencies.get('000.00.12.H62')!;
    const procedureIds = [...catalog.procedures.values()].map((procedure) => procedure.id).slice(0, 5);
    const setupStart = Date.now();
    const definitionIds: string[] = [];
    for (const procedureId of procedureIds) {
      const [row] = await dataSource.query(
        `INSERT INTO process_definition (procedure_id, version, document, status, published_at)
         VALUES ($1, 1, '{"steps":[]}'::jsonb, 'published', now()) RETURNING id`,
        [procedureId],
      );
      definitionIds.push(row.id);
    }
    // Fixture rows straight in SQL (a benchmark of the read path, not of intake): dossiers, then two steps each.
    const total = OPEN * 2;
    for (let from = 0; from < total; from += 50000) {
      const to = Math.min(total, from + 50000) - 1;
      await dataSource.query(
        `INSERT INTO dossier (id, code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
           legal_time_minutes, rule_set_id, lookup_secret_hash, process_definition_id)
         SELECT md5('bench-dossier-' || n)::uuid, 'BENCH-' || n, ($1::uuid[])[1 + n % 5], $2, 'in-person', 'processing',
           '{"name":"Bench"}'::jsonb, 'Bench ' || n, now() - interval '30 days', 9600, 'ND118-2025', 'x', ($3::uuid[])[1 + n % 5]
         FROM generate_series($4::int, $5::int) AS n`,
        [procedureIds, desk.id, definitionIds, from, to],
      );
      // Even n: an open/claimed step in the measured agency; odd n: completed here or open elsewhere.
      await dataSource.query(
        `INSERT INTO step_task (dossier_id, procedure_id, process_definition_id, step_id, attempt, kind, agency_id, status,
           assigned_user_id, budget_minutes, started_at, deadline_at, handover, started_event_sequence)
         SELECT md5('bench-dossier-' || n)::uuid, ($1::uuid[])[1 + n % 5], ($2::uuid[])[1 + n % 5], 'review', 1, 'task',
           CASE WHEN n % 2 = 0 OR n % 4 = 1 THEN $3::uuid ELSE $4::uuid END,
           CASE WHEN n % 2 = 0 THEN (CASE WHEN n % 10 = 0 THEN 'claimed' ELSE 'open' END) WHEN n % 4 = 1 THEN 'completed' ELSE 'open' END,
           CASE WHEN n % 10 = 0 THEN md5('bench-user-' || (n % 20))::uuid END,
           4800, now() - interval '3 days', now() + ((n * 7919) % 43200) * interval '1 minute', 'electronic', 1
         FROM generate_series($5::int, $6::int) AS n`,
        [procedureIds, definitionIds, agency.id, other.id, from, to],
      );
    }
    // A settled database for a read benchmark: without this, autovacuum of the freshly bulk-loaded tables (and of the
    // trigger-maintained side tables of later schemas) runs during the first measured scenarios.
    await dataSource.query('VACUUM (ANALYZE)');
    const setupSeconds = (Date.now() - setupStart) / 1000;
    const [{ open }] = await dataSource.query(
      `SELECT count(*)::int AS open FROM step_task WHERE agency_id = $1 AND status IN ('open', 'claimed')`,
      [agency.id],
    );

    const repository = new StepTaskRepository(dataSource.manager);
    const deep = await dataSource.query(
      `SELECT deadline_at, id FROM step_task WHERE agency_id = $1 AND status IN ('open', 'claimed') ORDER BY deadline_at, id OFFSET $2 LIMIT 1`,
      [agency.id, Math.floor(open / 2)],
    );
    const middle = { deadlineAt: new Date(deep[0].deadline_at), id: deep[0].id as string };
    const soon = new Date(Date.now() + 24 * 3600 * 1000);
    const officer = catalog.actor(AGENCY, 'agency_officer');
    const header = await authHeaderForActor(services, officer);
    const server = services.api.getHttpServer();

    const scenarios: Array<{ name: string; run: (index: number) => Promise<unknown> }> = [
      { name: 'baseline: SELECT 1', run: () => dataSource.query('SELECT 1') },
      {
        name: 'baseline: step_task primary-key lookup',
        run: () => dataSource.query('SELECT id FROM step_task WHERE id = $1', [middle.id]),
      },
      { name: 'SQL: first page (50), default statuses', run: () => repository.listInbox(agency.id, {}, 50) },
      { name: 'SQL: page in the middle (keyset cursor)', run: () => repository.listInbox(agency.id, {}, 50, middle) },
      {
        name: 'SQL: procedure filter',
        run: (index) => repository.listInbox(agency.id, { procedureId: procedureIds[index % 5] }, 50),
      },
      { name: 'SQL: deadline before +1 day', run: () => repository.listInbox(agency.id, { deadlineBefore: soon }, 50) },
      { name: 'SQL: status = claimed', run: () => repository.listInbox(agency.id, { status: 'claimed' }, 50) },
      {
        name: 'HTTP: GET /inbox/steps (first page, 50)',
        run: () => request(server).get('/inbox/steps').set(header).expect(200),
      },
      {
        // limit 100: the one page maximum since the shared keyset page shape (issue #9/#10); it was 200 before.
        name: 'HTTP: GET /inbox/steps?procedureId=…&limit=100',
        run: (index) =>
          request(server)
            .get('/inbox/steps')
            .query({ procedureId: procedureIds[index % 5], limit: 100 })
            .set(header)
            .expect(200),
      },
    ];
    const results: Array<{ name: string; p50: number; p95: number; p99: number; max: number }> = [];
    for (const scenario of scenarios) results.push({ name: scenario.name, ...(await measure(REQUESTS, scenario.run)) });
    const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(
      `EXPLAIN ANALYZE SELECT task.id FROM step_task task JOIN dossier ON dossier.id = task.dossier_id
       WHERE task.agency_id = $1 AND task.status IN ('open', 'claimed') ORDER BY task.deadline_at, task.id LIMIT 50`,
      [agency.id],
    );

    const format = (value: number) => value.toFixed(2);
    const report = [
      '# Inbox listing benchmark',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; local Postgres and Redis.`,
      `Measured agency: ${open} open/claimed steps; ${total} step rows in total (${total - open} finished or at another agency).`,
      `Fixture insert took ${setupSeconds.toFixed(1)} s. ${REQUESTS} sequential requests per scenario after 10 warm-up requests.`,
      'Target (issue 5): p95 < 50 ms. Reported, not asserted. Regenerate with `npm run bench:inbox` (BENCH_INBOX_OPEN, BENCH_INBOX_REQUESTS).',
      '',
      '| scenario | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|',
      ...results.map(
        (row) => `| ${row.name} | ${format(row.p50)} | ${format(row.p95)} | ${format(row.p99)} | ${format(row.max)} |`,
      ),
      '',
      'Plan of the default first page:',
      '',
      '```',
      ...plan.map((row) => row['QUERY PLAN']),
      '```',
      '',
      'Why it stays flat: the partial index `step_task_inbox_idx (agency_id, deadline_at, id) WHERE status IN',
      "('open','claimed')` returns rows already in inbox order, so a page reads `limit` index entries whatever the",
      'inbox size; keyset pagination (`(deadline_at, id) > cursor`) keeps deep pages as cheap as the first (no OFFSET).',
      '',
    ].join('\n');
    const directory = join(__dirname, 'reports');
    if (!existsSync(directory)) mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'inbox-listing.md'), report);
    console.log(report);
    expect(open).toBe(OPEN);
    expect(results).toHaveLength(scenarios.length);
  });
});
