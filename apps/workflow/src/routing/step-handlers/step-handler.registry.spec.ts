import { StepDefinition } from '@motcua/domain';
import { StepTaskEntity } from '@motcua/persistence';
import { StepRuns } from '../step-runs';
import { StepHandler, stepHandlerKey } from './step-handler';
import { defaultStepHandlers, StepHandlerRegistry } from './step-handler.registry';

const config = {
  LOOKUP_SECRET_KEY: 'k'.repeat(32),
  POSTAL_WEBHOOK_SECRET: 's'.repeat(32),
  POSTAL_WEBHOOK_TOLERANCE_SECONDS: 300,
};

const handler = (kind: string): StepHandler => ({
  kind,
  clockEffect: 'none',
  start: async () => undefined,
  cancel: async () => undefined,
});

describe('step handler registry (router dispatch by step kind)', () => {
  it('registers one handler per kind the definitions use', () => {
    expect(new StepHandlerRegistry(defaultStepHandlers(config)).kinds()).toEqual([
      'connector',
      'delivery',
      'payment',
      'sub-dossier',
      'task',
    ]);
    // Every kind so far gives its step its own budget clock (armed in the routing transaction).
    expect(defaultStepHandlers(config).map((each) => each.clockEffect)).toEqual(Array(5).fill('agency-time'));
  });

  it('refuses two handlers for one kind, and names the registry for an unknown kind', () => {
    expect(() => new StepHandlerRegistry([handler('task'), handler('task')])).toThrow(
      "step kind 'task' has two handlers",
    );
    expect(() => new StepHandlerRegistry([handler('task')]).handlerFor('stamp')).toThrow(
      "no step handler for kind 'stamp' (register it in step-handler.registry.ts)",
    );
  });

  it('a task step that spawns a sub-dossier has the sub-dossier handler', () => {
    expect(stepHandlerKey({ kind: 'task' })).toBe('task');
    expect(stepHandlerKey({ kind: 'task', subDossier: { procedureCode: '1.000002' } })).toBe('sub-dossier');
    expect(stepHandlerKey({ kind: 'payment' })).toBe('payment');
  });

  it("a run's handler comes from its definition step, else (parallel block, step gone) from the stored kind", () => {
    const runs = new StepRuns(new StepHandlerRegistry(defaultStepHandlers(config)));
    const run = { kind: 'task', stepId: 'inspect' } as StepTaskEntity;
    const subDossierStep = { id: 'inspect', kind: 'task', subDossier: { procedureCode: '1.000002' } } as StepDefinition;
    const parallelStep = { id: 'inspect', kind: 'parallel', branches: [], join: 'x' } as unknown as StepDefinition;
    expect(runs.handlerOf(subDossierStep, run).kind).toBe('sub-dossier');
    expect(runs.handlerOf(parallelStep, run).kind).toBe('task');
    expect(runs.handlerOf(undefined, { ...run, kind: 'connector' } as StepTaskEntity).kind).toBe('connector');
  });
});
