import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import {
  decideNextSteps,
  ProcessRun,
  RoutingAction,
  RoutingEvent,
  StartStepAction,
  StepInstance,
} from './decide-next-steps';
import { ProcessDefinitionDocument, StepDefinition, StepOutcome, TaskStepDefinition } from './process-definition';
import { sampleParallelDefinition, sampleSequentialDefinition } from './sample-process-definitions';
import { validateProcessDefinition } from './validate-process-definition';

/** A fake caller: routes an event, then records its completion and the actions like the workflow app. */
class Simulation {
  steps: StepInstance[] = [];
  finished: RoutingAction[] = [];
  log: RoutingAction[][] = [];

  constructor(readonly definition: ProcessDefinitionDocument) {}

  get run(): ProcessRun {
    return { steps: this.steps.map((step) => ({ ...step })) };
  }

  open(): StepInstance[] {
    return this.steps.filter((step) => step.state === 'open');
  }

  route(event: RoutingEvent): RoutingAction[] {
    const actions = decideNextSteps(this.definition, this.run, event);
    // same inputs, same actions
    expect(decideNextSteps(this.definition, this.run, event)).toEqual(actions);
    if (event.type === 'step-completed') {
      const instance = [...this.steps]
        .reverse()
        .find(
          (step) =>
            step.stepId === event.stepId &&
            step.state === 'open' &&
            (!event.branchKey || step.branchKey === event.branchKey),
        );
      if (!instance) throw new Error(`no open ${event.stepId}`);
      instance.state = 'completed';
      instance.outcome = event.outcome;
    }
    for (const action of actions) {
      if (action.type === 'start-step') {
        this.steps.push({
          stepId: action.stepId,
          attempt: action.attempt,
          state: 'open',
          branchKey: action.branchKey,
          previousStepId: action.previousStepId,
        });
      } else if (action.type === 'cancel-step') {
        const instance = this.steps.find((step) => step.stepId === action.stepId && step.attempt === action.attempt);
        if (instance) instance.state = 'cancelled';
      } else if (action.type === 'finish') {
        this.finished.push(action);
      }
    }
    this.log.push(actions);
    return actions;
  }

  complete(stepId: string, outcome: StepOutcome = 'approve', branchKey?: string): RoutingAction[] {
    return this.route({ type: 'step-completed', stepId, outcome, ...(branchKey ? { branchKey } : {}) });
  }
}

const starts = (actions: RoutingAction[]) =>
  actions
    .filter((action): action is StartStepAction => action.type === 'start-step')
    .map((action) => `${action.stepId}#${action.attempt}`);

function task(id: string, agency: string, transitions: Record<string, string>, workingDays = 2): TaskStepDefinition {
  return { id, kind: 'task', agency: { code: agency }, budget: { workingDays }, transitions };
}

/** Three agencies one after the other. */
const sequential: ProcessDefinitionDocument = {
  procedureCode: '1.000100',
  version: 2,
  legalTime: { workingDays: 10 },
  handover: 'electronic',
  start: 'land',
  steps: [
    task('land', 'H62.LAND', { approve: 'tax', 'request-supplement': 'land', refuse: '@end:refused' }),
    task('tax', 'H62.TAX', { approve: 'committee', return: '@previous', refuse: '@end:refused' }),
    { ...task('committee', 'H62.PC', { approve: '@end:result-ready', return: '@previous' }), handover: 'paper' },
  ],
};

/** Three agencies in parallel, joined at the lead agency. */
const parallel: ProcessDefinitionDocument = {
  procedureCode: '1.000200',
  version: 1,
  legalTime: { workingDays: 5 },
  handover: 'electronic',
  start: 'bundle',
  steps: [
    {
      id: 'bundle',
      kind: 'parallel',
      branches: ['business', 'tax', 'insurance'],
      join: 'consolidate',
      leadAgency: { code: 'BR' },
    },
    task('business', 'BR', { approve: 'business-check', refuse: '@end:refused' }, 1),
    task('business-check', 'BR', { approve: '@join', return: '@previous' }, 1),
    task('tax', 'TAX', { approve: '@join', 'request-supplement': 'tax', refuse: '@end:refused' }),
    task('insurance', 'SI', { approve: '@join', refuse: '@end:refused' }),
    task('consolidate', 'BR', { approve: '@end:result-ready', return: '@previous' }, 1),
  ],
};

describe('decideNextSteps', () => {
  beforeAll(() => {
    for (const definition of [sequential, parallel, sampleSequentialDefinition, sampleParallelDefinition]) {
      expect(validateProcessDefinition(definition)).toEqual({ ok: true, definition });
    }
  });

  describe('sequential procedure', () => {
    it('runs from acceptance to the result', () => {
      const simulation = new Simulation(sequential);
      expect(simulation.route({ type: 'dossier-accepted' })).toEqual([
        {
          type: 'start-step',
          stepId: 'land',
          kind: 'task',
          agency: { code: 'H62.LAND' },
          budget: { workingDays: 2 },
          handover: 'electronic',
          attempt: 1,
        },
      ]);
      expect(simulation.complete('land')).toEqual([
        {
          type: 'start-step',
          stepId: 'tax',
          kind: 'task',
          agency: { code: 'H62.TAX' },
          budget: { workingDays: 2 },
          handover: 'electronic',
          attempt: 1,
          previousStepId: 'land',
        },
      ]);
      expect(simulation.complete('tax')).toMatchObject([
        { type: 'start-step', stepId: 'committee', handover: 'paper', attempt: 1 },
      ]);
      expect(simulation.complete('committee')).toEqual([{ type: 'finish', result: 'result-ready' }]);
      expect(simulation.open()).toEqual([]);
    });

    it('returns to the previous step with a new attempt, twice back if needed', () => {
      const simulation = new Simulation(sequential);
      simulation.route({ type: 'dossier-accepted' });
      simulation.complete('land');
      simulation.complete('tax');
      expect(simulation.complete('committee', 'return')).toMatchObject([
        { type: 'start-step', stepId: 'tax', attempt: 2, previousStepId: 'land' },
      ]);
      expect(simulation.complete('tax', 'return')).toMatchObject([{ type: 'start-step', stepId: 'land', attempt: 2 }]);
      expect(simulation.log.at(-1)?.[0]).not.toHaveProperty('previousStepId');
      expect(starts(simulation.complete('land'))).toEqual(['tax#3']);
      expect(starts(simulation.complete('tax'))).toEqual(['committee#2']);
      expect(simulation.complete('committee')).toEqual([{ type: 'finish', result: 'result-ready' }]);
    });

    it('ends as refused when an agency refuses', () => {
      const simulation = new Simulation(sequential);
      simulation.route({ type: 'dossier-accepted' });
      simulation.complete('land');
      expect(simulation.complete('tax', 'refuse')).toEqual([{ type: 'finish', result: 'refused' }]);
    });

    it('asks for a supplement and restarts the step when it arrives', () => {
      const simulation = new Simulation(sequential);
      simulation.route({ type: 'dossier-accepted' });
      expect(simulation.complete('land', 'request-supplement')).toEqual([
        { type: 'request-supplement', stepId: 'land', attempt: 1 },
      ]);
      expect(() => simulation.complete('land')).toThrow(DomainError);
      expect(simulation.route({ type: 'supplement-received', stepId: 'land' })).toMatchObject([
        { type: 'start-step', stepId: 'land', attempt: 2 },
      ]);
      expect(() => simulation.route({ type: 'supplement-received', stepId: 'land' })).toThrow(
        "Step 'land' is not waiting for a supplement.",
      );
    });

    it('refuses events that do not fit the run', () => {
      const simulation = new Simulation(sequential);
      expect(() => simulation.complete('land')).toThrow("Step 'land' has no open instance to complete.");
      simulation.route({ type: 'dossier-accepted' });
      expect(() => simulation.route({ type: 'dossier-accepted' })).toThrow('already been routed');
      try {
        simulation.complete('land', 'forward');
        throw new Error('expected a DomainError');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).kind).toBe('conflict');
        expect((error as DomainError).code).toBe('process-run.outcome-not-allowed');
        expect((error as DomainError).message).toBe(
          "Step 'land' cannot end with outcome 'forward'; its allowed outcomes are 'approve', 'request-supplement', 'refuse'.",
        );
      }
    });
  });

  describe('parallel procedure', () => {
    it('starts every branch at once, waits for the join, then finishes', () => {
      const simulation = new Simulation(parallel);
      const first = simulation.route({ type: 'dossier-accepted' });
      expect(first).toEqual(
        ['business', 'tax', 'insurance'].map((stepId) => ({
          type: 'start-step',
          stepId,
          kind: 'task',
          agency: { code: { business: 'BR', tax: 'TAX', insurance: 'SI' }[stepId] },
          budget: { workingDays: stepId === 'business' ? 1 : 2 },
          handover: 'electronic',
          attempt: 1,
          branchKey: `bundle/1/${stepId}`,
          previousStepId: 'bundle',
          parallel: { stepId: 'bundle', leadAgency: { code: 'BR' } },
        })),
      );
      expect(simulation.complete('tax')).toEqual([
        {
          type: 'await-join',
          parallelStepId: 'bundle',
          pendingBranchKeys: ['bundle/1/business', 'bundle/1/insurance'],
        },
      ]);
      expect(simulation.complete('business')).toMatchObject([
        { type: 'start-step', stepId: 'business-check', branchKey: 'bundle/1/business', previousStepId: 'business' },
      ]);
      expect(simulation.complete('insurance')).toEqual([
        { type: 'await-join', parallelStepId: 'bundle', pendingBranchKeys: ['bundle/1/business'] },
      ]);
      expect(simulation.complete('business-check')).toMatchObject([
        { type: 'start-step', stepId: 'consolidate', attempt: 1, previousStepId: 'bundle' },
      ]);
      expect(simulation.log.at(-1)?.[0]).not.toHaveProperty('branchKey');
      expect(simulation.complete('consolidate')).toEqual([{ type: 'finish', result: 'result-ready' }]);
      expect(simulation.open()).toEqual([]);
    });

    it('returns within a branch, and from the join restarts the whole block as a new round', () => {
      const simulation = new Simulation(parallel);
      simulation.route({ type: 'dossier-accepted' });
      simulation.complete('business');
      expect(simulation.complete('business-check', 'return')).toMatchObject([
        {
          type: 'start-step',
          stepId: 'business',
          attempt: 2,
          branchKey: 'bundle/1/business',
          previousStepId: 'bundle',
        },
      ]);
      simulation.complete('business');
      simulation.complete('business-check');
      simulation.complete('tax');
      expect(starts(simulation.complete('insurance'))).toEqual(['consolidate#1']);
      const again = simulation.complete('consolidate', 'return');
      expect(
        again.map((action) => action.type === 'start-step' && [action.stepId, action.attempt, action.branchKey]),
      ).toEqual([
        ['business', 3, 'bundle/2/business'],
        ['tax', 2, 'bundle/2/tax'],
        ['insurance', 2, 'bundle/2/insurance'],
      ]);
      // round 1 completions do not count for round 2
      expect(simulation.complete('tax')).toMatchObject([
        { type: 'await-join', pendingBranchKeys: ['bundle/2/business', 'bundle/2/insurance'] },
      ]);
      simulation.complete('insurance');
      simulation.complete('business');
      expect(starts(simulation.complete('business-check'))).toEqual(['consolidate#2']);
      expect(simulation.complete('consolidate')).toEqual([{ type: 'finish', result: 'result-ready' }]);
    });

    it('a refusal in one branch refuses the dossier and cancels the other branches', () => {
      const simulation = new Simulation(parallel);
      simulation.route({ type: 'dossier-accepted' });
      simulation.complete('tax');
      expect(simulation.complete('insurance', 'refuse')).toEqual([
        { type: 'cancel-step', stepId: 'business', attempt: 1, branchKey: 'bundle/1/business' },
        { type: 'finish', result: 'refused' },
      ]);
      expect(simulation.open()).toEqual([]);
      expect(() => simulation.complete('business')).toThrow(DomainError);
    });

    it('a supplement request pauses only the asking branch', () => {
      const simulation = new Simulation(parallel);
      simulation.route({ type: 'dossier-accepted' });
      expect(simulation.complete('tax', 'request-supplement', 'bundle/1/tax')).toEqual([
        { type: 'request-supplement', stepId: 'tax', attempt: 1, branchKey: 'bundle/1/tax' },
      ]);
      simulation.complete('insurance');
      simulation.complete('business');
      expect(simulation.complete('business-check')).toMatchObject([
        { type: 'await-join', pendingBranchKeys: ['bundle/1/tax'] },
      ]);
      expect(simulation.route({ type: 'supplement-received', stepId: 'tax', branchKey: 'bundle/1/tax' })).toMatchObject(
        [{ type: 'start-step', stepId: 'tax', attempt: 2, branchKey: 'bundle/1/tax', previousStepId: 'bundle' }],
      );
      expect(starts(simulation.complete('tax'))).toEqual(['consolidate#1']);
    });
  });

  it('runs the samples, including connector, payment and delivery steps', () => {
    const land = new Simulation(sampleSequentialDefinition);
    expect(starts(land.route({ type: 'dossier-accepted' }))).toEqual(['desk#1']);
    expect(land.complete('desk')).toMatchObject([{ stepId: 'land-office', kind: 'task' }]);
    expect(land.complete('land-office')).toMatchObject([
      { stepId: 'tax', kind: 'connector', connector: { name: 'tax-land-levy', maxAttempts: 5 } },
    ]);
    expect(land.complete('tax')).toMatchObject([
      { stepId: 'land-levy-payment', kind: 'payment', agency: { role: 'receiving-desk' } },
    ]);
    expect(land.complete('land-levy-payment')).toMatchObject([{ stepId: 'committee', handover: 'paper' }]);
    expect(land.complete('committee')).toMatchObject([{ stepId: 'return-result', kind: 'delivery' }]);
    expect(land.complete('return-result')).toEqual([{ type: 'finish', result: 'result-ready' }]);

    const business = new Simulation(sampleParallelDefinition);
    business.route({ type: 'dossier-accepted' });
    expect(starts(business.complete('desk'))).toEqual([
      'business-registration#1',
      'tax-registration#1',
      'social-insurance-registration#1',
    ]);
    business.complete('tax-registration');
    business.complete('social-insurance-registration');
    expect(starts(business.complete('business-registration'))).toEqual(['consolidate#1']);
    expect(starts(business.complete('consolidate'))).toEqual(['return-result#1']);
    expect(business.complete('return-result')).toEqual([{ type: 'finish', result: 'result-ready' }]);
  });

  describe('random linear definitions', () => {
    const linearDefinition = fc
      .array(
        fc.record({
          workingDays: fc.integer({ min: 1, max: 5 }),
          canReturn: fc.boolean(),
          canRefuse: fc.boolean(),
          canAskSupplement: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      )
      .map((specs): ProcessDefinitionDocument => {
        const steps = specs.map((spec, index): StepDefinition => {
          const transitions: Record<string, string> = {
            approve: index === specs.length - 1 ? '@end:result-ready' : `step-${index + 1}`,
          };
          if (spec.canReturn && index > 0) transitions.return = '@previous';
          if (spec.canRefuse) transitions.refuse = '@end:refused';
          if (spec.canAskSupplement) transitions['request-supplement'] = `step-${index}`;
          return task(`step-${index}`, `AG.${index}`, transitions, spec.workingDays);
        });
        const total = specs.reduce((sum, spec) => sum + spec.workingDays, 0);
        return {
          procedureCode: '1.009999',
          version: 1,
          legalTime: { workingDays: total },
          handover: 'electronic',
          start: 'step-0',
          steps,
        };
      });

    it('are valid, and every run reaches exactly one finish', () => {
      fc.assert(
        fc.property(linearDefinition, fc.array(fc.nat(), { minLength: 0, maxLength: 40 }), (definition, choices) => {
          expect(validateProcessDefinition(definition).ok).toBe(true);
          let finishes = 0;
          let run: StepInstance[] = [];
          const apply = (event: RoutingEvent, actions: RoutingAction[]) => {
            if (event.type === 'step-completed') {
              const instance = run.find(
                (step) => step.stepId === event.stepId && step.state === 'open',
              ) as StepInstance;
              instance.state = 'completed';
              instance.outcome = event.outcome;
            }
            for (const action of actions) {
              if (action.type === 'finish') finishes += 1;
              if (action.type === 'start-step') {
                expect(action.attempt).toBe(1 + run.filter((step) => step.stepId === action.stepId).length);
                run.push({
                  stepId: action.stepId,
                  attempt: action.attempt,
                  state: 'open',
                  previousStepId: action.previousStepId,
                });
              }
            }
          };
          const accepted: RoutingEvent = { type: 'dossier-accepted' };
          apply(accepted, decideNextSteps(definition, { steps: [] }, accepted));
          let pendingSupplement: string | undefined;
          // after the random choices run out, every step approves, so the run must end
          for (let turn = 0; turn < 200 && finishes === 0; turn += 1) {
            let event: RoutingEvent;
            if (pendingSupplement) {
              event = { type: 'supplement-received', stepId: pendingSupplement };
              pendingSupplement = undefined;
            } else {
              const open = run.filter((step) => step.state === 'open');
              expect(open).toHaveLength(1);
              const step = definition.steps.find((candidate) => candidate.id === open[0].stepId);
              if (!step || step.kind === 'parallel') throw new Error('unexpected step');
              const outcomes = Object.keys(step.transitions) as StepOutcome[];
              const choice = turn < choices.length ? choices[turn] % outcomes.length : 0;
              event = { type: 'step-completed', stepId: step.id, outcome: outcomes[choice] };
              if (outcomes[choice] === 'request-supplement') pendingSupplement = step.id;
            }
            const snapshot = run.map((step) => ({ ...step }));
            const actions = decideNextSteps(definition, { steps: snapshot }, event);
            expect(decideNextSteps(definition, { steps: run.map((step) => ({ ...step })) }, event)).toEqual(actions);
            apply(event, actions);
          }
          expect(finishes).toBe(1);
          expect(run.filter((step) => step.state === 'open')).toHaveLength(0);
          run = [];
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('decideNextSteps: linked sub-dossiers', () => {
  it("carries the step's subDossier setting on its start-step action (and only on that step)", () => {
    const document: ProcessDefinitionDocument = {
      procedureCode: '1.001776',
      version: 1,
      legalTime: { workingDays: 22 },
      handover: 'electronic',
      start: 'desk',
      steps: [
        {
          id: 'desk',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingHours: 4 },
          transitions: { approve: 'district' },
        },
        {
          id: 'district',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingDays: 15 },
          subDossier: { procedureCode: '2.000575', receivingAgency: { code: '000.00.12.H62' } },
          transitions: { approve: '@end:result-ready', refuse: '@end:refused' },
        },
      ],
    };
    expect(validateProcessDefinition(document).ok).toBe(true);
    const simulation = new Simulation(document);
    const [first] = simulation.route({ type: 'dossier-accepted' }) as StartStepAction[];
    expect(first.subDossier).toBeUndefined();
    const [second] = simulation.complete('desk') as StartStepAction[];
    expect(second).toMatchObject({
      type: 'start-step',
      stepId: 'district',
      subDossier: { procedureCode: '2.000575', receivingAgency: { code: '000.00.12.H62' } },
    });
    expect(simulation.complete('district', 'refuse')).toEqual([{ type: 'finish', result: 'refused' }]);
  });
});
