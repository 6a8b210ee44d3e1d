import { createDataSource, insertDossierEvent, ProcessDefinitionRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { seedCatalog } from '../../../../../test/dossier/support/catalog-fixture';
import { createTestDatabase, TestDatabase } from '../../../../../test/support/database';
import { testConfig } from '../../../../../test/support/test-config';
import { insertDossierRows } from '../../deadlines/testing/dossier-rows';
import { RouteDossierUseCase } from '../route-dossier.use-case';
import { defaultStepHandlers, StepHandlerRegistry } from './step-handler.registry';
import { stampStepHandler } from './testing/stamp.step-handler';

/** Issue #9 acceptance 2: a new step kind is one handler file plus one registration line, through the real router. */
describe('a test-only step kind', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const config = testConfig();

  beforeAll(async () => {
    database = await createTestDatabase(config.DATABASE_URL);
    dataSource = createDataSource({ url: database.url, applicationName: 'test-only-step-kind' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A dossier pinned to a one-step definition of kind 'stamp', with its 'intake-accepted' event not yet routed. */
  async function stampDossier(code: string): Promise<string> {
    const catalog = await seedCatalog(dataSource);
    const procedure = catalog.procedures.get('1.000775')!;
    const desk = catalog.agencies.get('000.00.12.H62')!;
    return dataSource.transaction(async (manager) => {
      const definitions = new ProcessDefinitionRepository(manager);
      const draft = await definitions.createDraft(
        procedure.id,
        {
          procedureCode: '1.000775',
          legalTime: { workingDays: 1 },
          handover: 'electronic',
          start: 'stamp',
          steps: [
            {
              id: 'stamp',
              kind: 'stamp' as never,
              agency: { role: 'receiving-desk' },
              budget: { workingHours: 1 },
              transitions: { approve: '@end:result-ready' },
            },
          ],
        } as never,
        null,
      );
      await definitions.publish(draft.id, new Date());
      await insertDossierRows(manager, 1, {
        procedureId: procedure.id,
        agencyId: desk.id,
        status: 'received',
        codePrefix: code,
      });
      const [{ id }] = await manager.query(`SELECT id FROM dossier WHERE code = $1`, [`${code}-1`]);
      await manager.query(`UPDATE dossier SET process_definition_id = $2 WHERE id = $1`, [id, draft.id]);
      await insertDossierEvent(manager, {
        dossierId: id,
        type: 'intake-accepted',
        payload: {},
        actor: null,
        occurredAt: new Date(),
      });
      return id as string;
    });
  }

  it('runs through the real router once registered — one line — and is refused by name before', async () => {
    const dossierId = await stampDossier('STAMP');
    const withoutStamp = new RouteDossierUseCase(new StepHandlerRegistry(defaultStepHandlers(config)));
    await expect(
      dataSource.transaction((manager) => withoutStamp.routeIn(manager, dossierId, new Date())),
    ).rejects.toThrow("no step handler for kind 'stamp' (register it in step-handler.registry.ts)");

    const registry = new StepHandlerRegistry([
      ...defaultStepHandlers(config),
      stampStepHandler, // ← the one registration line
    ]);
    await dataSource.transaction((manager) =>
      new RouteDossierUseCase(registry).routeIn(manager, dossierId, new Date()),
    );

    const [task] = await dataSource.query(`SELECT id, kind, status FROM step_task WHERE dossier_id = $1`, [dossierId]);
    expect(task).toMatchObject({ kind: 'stamp', status: 'open' });
    const events: Array<{ type: string }> = await dataSource.query(
      `SELECT type FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossierId],
    );
    expect(events.map((event) => event.type)).toEqual(['intake-accepted', 'step-started', 'stamped']);
    // clockEffect 'none': no step clock, so no step timers.
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM clock_entry WHERE step_task_id = $1`, [
      task.id,
    ]);
    expect(n).toBe(0);
    expect(registry.kinds()).toEqual(['connector', 'delivery', 'payment', 'stamp', 'sub-dossier', 'task']);
  });
});
