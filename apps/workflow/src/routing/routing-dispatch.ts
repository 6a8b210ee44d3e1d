import { AwaitJoinAction, FinishAction, RequestSupplementAction, RoutingAction, StartStepAction } from '@motcua/domain';

/** A pending run the pure router names: step, attempt and branch ('' outside a parallel block). */
export interface StepRunKey {
  stepId: string;
  attempt: number;
  branchKey: string;
}

/** Who carries out each kind of routing action (the router: step runs through their handlers, dossier moves). */
export interface RoutingActionTarget {
  startStep(action: StartStepAction): Promise<void>;
  cancelStep(key: StepRunKey): Promise<void>;
  awaitJoin(action: AwaitJoinAction): Promise<void>;
  requestSupplement(action: RequestSupplementAction): Promise<void>;
  finish(result: FinishAction['result']): Promise<void>;
}

/**
 * Dispatch: carries out `decideNextSteps`' actions in the order it gave them, one call each, so the router stays
 * cursor → decide (pure) → dispatch. A new action type fails to compile here (exhaustive switch).
 */
export async function dispatchRoutingActions(
  actions: readonly RoutingAction[],
  target: RoutingActionTarget,
): Promise<void> {
  for (const action of actions) {
    switch (action.type) {
      case 'start-step':
        await target.startStep(action);
        break;
      case 'cancel-step':
        await target.cancelStep({ stepId: action.stepId, attempt: action.attempt, branchKey: action.branchKey ?? '' });
        break;
      case 'await-join':
        await target.awaitJoin(action);
        break;
      case 'request-supplement':
        await target.requestSupplement(action);
        break;
      case 'finish':
        await target.finish(action.result);
        break;
      default: {
        const unknown: never = action;
        throw new Error(`unknown routing action ${JSON.stringify(unknown)}`);
      }
    }
  }
}
