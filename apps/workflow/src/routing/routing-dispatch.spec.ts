import { decideNextSteps, ProcessDefinitionDocument, RoutingAction, StartStepAction } from '@motcua/domain';
import { dispatchRoutingActions, RoutingActionTarget } from './routing-dispatch';

/** A target that records what the router would do, in order. */
function recorder(): { target: RoutingActionTarget; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    target: {
      startStep: async (action) => void calls.push(`start ${action.stepId}#${action.attempt}${action.branchKey ?? ''}`),
      cancelStep: async (key) => void calls.push(`cancel ${key.stepId}#${key.attempt}[${key.branchKey}]`),
      awaitJoin: async (action) => void calls.push(`await-join ${action.parallelStepId}`),
      requestSupplement: async (action) => void calls.push(`supplement ${action.stepId}`),
      finish: async (result) => void calls.push(`finish ${result}`),
    },
  };
}

const start = (stepId: string, extra: Partial<StartStepAction> = {}): StartStepAction => ({
  type: 'start-step',
  stepId,
  kind: 'task',
  agency: { role: 'receiving-desk' },
  budget: { workingDays: 1 },
  handover: 'electronic',
  attempt: 1,
  ...extra,
});

describe('router dispatch: decideNextSteps actions → step runs and dossier moves', () => {
  it('calls one target method per action, in the order decided', async () => {
    const { target, calls } = recorder();
    const actions: RoutingAction[] = [
      { type: 'cancel-step', stepId: 'tax', attempt: 1, branchKey: 'p/1/tax' },
      start('appraise', { attempt: 2 }),
      { type: 'await-join', parallelStepId: 'p', pendingBranchKeys: ['p/1/land'] },
      { type: 'request-supplement', stepId: 'appraise', attempt: 2 },
      { type: 'finish', result: 'refused' },
    ];
    await dispatchRoutingActions(actions, target);
    expect(calls).toEqual([
      'cancel tax#1[p/1/tax]',
      'start appraise#2',
      'await-join p',
      'supplement appraise',
      'finish refused',
    ]);
  });

  it("names a run outside a parallel block with branch '' (the step_task business key)", async () => {
    const { target, calls } = recorder();
    await dispatchRoutingActions([{ type: 'cancel-step', stepId: 'sign', attempt: 3 }], target);
    expect(calls).toEqual(['cancel sign#3[]']);
  });

  it('stops at the first failing action (the routing transaction rolls back and the job retries)', async () => {
    const { target, calls } = recorder();
    target.startStep = async () => {
      throw new Error('agency not found');
    };
    await expect(
      dispatchRoutingActions([start('a'), { type: 'finish', result: 'result-ready' }], target),
    ).rejects.toThrow('agency not found');
    expect(calls).toEqual([]);
  });

  it('rejects an action type it does not know', async () => {
    const { target } = recorder();
    await expect(dispatchRoutingActions([{ type: 'teleport' } as never], target)).rejects.toThrow(
      'unknown routing action {"type":"teleport"}',
    );
  });

  it('decide → dispatch: an accepted dossier starts the start step, its approval finishes the dossier', async () => {
    const definition: ProcessDefinitionDocument = {
      procedureCode: '1.000001',
      legalTime: { workingDays: 3 },
      handover: 'electronic',
      start: 'appraise',
      steps: [
        {
          id: 'appraise',
          kind: 'task',
          agency: { role: 'receiving-desk' },
          budget: { workingDays: 2 },
          transitions: { approve: '@end:result-ready', refuse: '@end:refused' },
        },
      ],
    } as ProcessDefinitionDocument;
    const first = recorder();
    await dispatchRoutingActions(
      decideNextSteps(definition, { steps: [] }, { type: 'dossier-accepted' }),
      first.target,
    );
    expect(first.calls).toEqual(['start appraise#1']);

    const second = recorder();
    const run = { steps: [{ stepId: 'appraise', attempt: 1, state: 'open' as const }] };
    await dispatchRoutingActions(
      decideNextSteps(definition, run, { type: 'step-completed', stepId: 'appraise', outcome: 'approve' }),
      second.target,
    );
    expect(second.calls).toEqual(['finish result-ready']);
  });
});
